/** Defines Taro's `taro-swiper-core` custom element (H5). */
export declare function defineSwiper(): void;
/** Defines Taro's `taro-swiper-item-core` custom element (H5). */
export declare function defineSwiperItem(): void;
