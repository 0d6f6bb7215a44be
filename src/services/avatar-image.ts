/**
 * Making a picked image into a stored avatar. Taro builds pick `avatar-image.weapp.ts` or
 * `avatar-image.h5.ts` in place of this file; it stands for any other target (and for type checking).
 */
export { avatarImage } from './avatar-image.h5';
