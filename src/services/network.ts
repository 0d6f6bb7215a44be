/**
 * The platform's network status. Taro builds pick `network.weapp.ts` or `network.h5.ts` in place of
 * this file; it stands for any other target (and for type checking), which behaves like H5.
 */
export { network } from './network.h5';
