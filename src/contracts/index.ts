/** The client ⇄ cloud API: per function, per action input and output types, and the envelope. */
export * from './envelope';
export * from './catalog';
export * from './orders';
export * from './wallet';
export * from './gifts';
export * from './merchant';
