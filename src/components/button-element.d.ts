/** Defines Taro's `taro-button-core` custom element (H5). */
export declare function defineButton(): void;
