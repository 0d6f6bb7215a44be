// Stands for a polyfill the H5 build's browsers don't need (see config/index.ts, h5.webpackChain).
export {};
