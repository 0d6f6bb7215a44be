/** Defines Taro's `taro-textarea-core` custom element (H5). */
export declare function defineTextarea(): void;
