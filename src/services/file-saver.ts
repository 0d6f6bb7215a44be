/**
 * Saving a text file. Taro builds pick `file-saver.weapp.ts` or `file-saver.h5.ts` in place of this
 * file; it stands for any other target (and for type checking), which behaves like H5.
 */
export { saveTextFile } from './file-saver.h5';
