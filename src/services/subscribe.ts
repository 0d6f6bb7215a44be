/**
 * Subscribe consent. Taro builds pick `subscribe.weapp.ts` or `subscribe.h5.ts` in place of this
 * file; it stands for any other target (and for type checking), which asks like H5.
 */
export { createSubscribe } from './subscribe.h5';
