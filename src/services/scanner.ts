/**
 * The platform scanner. Taro builds pick `scanner.weapp.ts` or `scanner.h5.ts` in place of this
 * file; it stands for any other target (and for type checking), which scans like H5.
 */
export { scanner } from './scanner.h5';
