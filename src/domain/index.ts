/** The domain: pure rules shared by the cloud functions and the UI. Imports nothing outside itself. */
export * from './money';
export * from './errors';
export * from './catalog';
export * from './rules';
export * from './card';
export * from './ledger';
export * from './codes';
export * from './order';
export * from './gift';
