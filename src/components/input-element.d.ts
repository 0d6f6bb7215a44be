/** Defines Taro's `taro-input-core` custom element (H5). */
export declare function defineInput(): void;
