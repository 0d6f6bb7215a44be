/** Taro's Input (see swiper.h5.ts for why H5 wraps its own). */
export { Input } from '@tarojs/components';
