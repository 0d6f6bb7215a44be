// Taro's taro-input-core custom element, for input.h5.ts (plain JavaScript: see swiper-elements.js).
export { defineCustomElement as defineInput } from '@tarojs/components/dist/components/taro-input-core.js';
