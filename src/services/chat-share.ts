/**
 * The chat side of share cards. Taro builds pick `chat-share.weapp.ts` or `chat-share.h5.ts` in place
 * of this file; it stands for any other target (and for type checking), which behaves like H5.
 */
export { chatShare } from './chat-share.h5';
