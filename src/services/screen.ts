/**
 * The platform screen. Taro builds pick `screen.weapp.ts` or `screen.h5.ts` in place of this file;
 * it stands for any other target (and for type checking), which behaves like H5.
 */
export { screen } from './screen.h5';
