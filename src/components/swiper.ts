/** Taro's Swiper (see swiper.h5.ts for why H5 wraps its own). */
export { Swiper, SwiperItem } from '@tarojs/components';
