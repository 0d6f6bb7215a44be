/** The `qrcode` package's core matrix builder (its entry also carries canvas and file renderers). */
declare module 'qrcode/lib/core/qrcode' {
  export function create(
    segments: { data: Uint8Array; mode: 'byte' }[],
    options: { errorCorrectionLevel: 'L' | 'M' | 'Q' | 'H' },
  ): { modules: { size: number; data: Uint8Array } };
}
