// Taro's taro-textarea-core custom element, for textarea.h5.ts (plain JavaScript: see swiper-elements.js).
export { defineCustomElement as defineTextarea } from '@tarojs/components/dist/components/taro-textarea-core.js';
