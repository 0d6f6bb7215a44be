/**
 * The page the app opened on. Taro builds pick `launch.weapp.ts` or `launch.h5.ts` in place of this
 * file; it stands for any other target (and for type checking), which behaves like H5.
 */
export { opensOnHome } from './launch.h5';
