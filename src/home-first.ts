/** The mini-program loads each page from its package: nothing to do (see home-first.h5.ts). */
export {};
