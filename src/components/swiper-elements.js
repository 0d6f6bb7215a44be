// Taro's swiper custom elements, for swiper.h5.ts. Plain JavaScript with swiper-elements.d.ts beside
// it: their own typings pull in Stencil's global Jest matchers, which clash with jest-dom's.
export { defineCustomElement as defineSwiper } from '@tarojs/components/dist/components/taro-swiper-core.js';
export { defineCustomElement as defineSwiperItem } from '@tarojs/components/dist/components/taro-swiper-item-core.js';
