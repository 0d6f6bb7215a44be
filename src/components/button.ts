/** Taro's Button (see swiper.h5.ts for why H5 wraps its own). */
export { Button } from '@tarojs/components';
