/** Taro's Textarea (see swiper.h5.ts for why H5 wraps its own). */
export { Textarea } from '@tarojs/components';
