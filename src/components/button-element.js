// Taro's taro-button-core custom element, for button.h5.ts (plain JavaScript: see swiper-elements.js).
export { defineCustomElement as defineButton } from '@tarojs/components/dist/components/taro-button-core.js';
