/** Ambient types for the Taro app: build-time env, style and image imports. */
declare module '*.scss';
declare module '*.css';
/** An image file imported by a component: the path the build serves it at. */
declare module '*.png' {
  const src: string;
  export default src;
}

declare namespace NodeJS {
  interface ProcessEnv {
    TARO_ENV?: 'weapp' | 'h5';
    /** WeChat cloud env id; empty means "use the local cloud's gateway". */
    TARO_APP_CLOUD_ENV?: string;
    /** The gateway the mini-program calls without a cloud env. */
    TARO_APP_GATEWAY_URL?: string;
  }
}
