/**
 * The share card's image. Taro builds pick `share-image.weapp.ts` or `share-image.h5.ts` in place
 * of this file; it stands for any other target (and for type checking), which behaves like H5.
 */
export { shareImageFor } from './share-image.h5';
