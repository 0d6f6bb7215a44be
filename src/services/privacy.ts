/**
 * Privacy authorization. Taro builds pick `privacy.weapp.ts` or `privacy.h5.ts` in place of this
 * file; it stands for any other target (and for type checking), which behaves like H5.
 */
export { privacy } from './privacy.h5';
