/** The part of pngjs 5 the tests use: decoding a PNG to RGBA pixels (e.g. a 小程序码 for jsQR). */
declare module 'pngjs' {
  export const PNG: {
    sync: { read(buffer: Buffer): { width: number; height: number; data: Buffer } };
  };
}
