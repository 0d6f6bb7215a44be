/**
 * A text's QR module matrix in the form the native QR canvas takes: modules per side and one '0'/'1'
 * per module, row by row (a string crosses setData more cheaply than an array). Same encoding as
 * qr-matrix.ts: the `qrcode` core, byte mode, error correction M.
 */
import { create } from 'qrcode/lib/core/qrcode';

export interface QrModules {
  side: number;
  matrix: string;
}

/** `text` must be ASCII (pay code payloads are): the library's own string path needs TextEncoder, which the mini-program lacks. */
export function qrModules(text: string): QrModules {
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i) & 0x7f;
  const { size, data } = create([{ data: bytes, mode: 'byte' }], { errorCorrectionLevel: 'M' }).modules;
  let matrix = '';
  for (let i = 0; i < data.length; i++) matrix += data[i] ? '1' : '0';
  return { side: size, matrix };
}
