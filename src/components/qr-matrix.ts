/**
 * QR codes from the `qrcode` library's core (only the core, so no canvas or Node code reaches the
 * bundles), byte mode, error correction M: the module matrix the weapp's native QR canvas draws, and
 * an SVG image both platforms can show in an <Image>, base64-encoded because the mini-program's image
 * only takes base64 data URIs.
 */
import { create } from 'qrcode/lib/core/qrcode';

const QUIET = 4;

export interface QrModules {
  /** Modules per side. */
  side: number;
  /** One '0' or '1' per module, row by row: a string crosses setData more cheaply than an array. */
  matrix: string;
}

/** `text` must be ASCII (links and pay code payloads are): the library's own string path needs TextEncoder, which the mini-program lacks. */
export function qrModules(text: string): QrModules {
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i) & 0x7f;
  const { size, data } = create([{ data: bytes, mode: 'byte' }], { errorCorrectionLevel: 'M' }).modules;
  let matrix = '';
  for (let i = 0; i < data.length; i++) matrix += data[i] ? '1' : '0';
  return { side: size, matrix };
}

export function qrSvg(text: string): string {
  const { side, matrix } = qrModules(text);
  let path = '';
  for (let y = 0; y < side; y++)
    for (let x = 0; x < side; x++) if (matrix[y * side + x] === '1') path += `M${x + QUIET} ${y + QUIET}h1v1h-1z`;
  const box = side + QUIET * 2;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${box} ${box}" shape-rendering="crispEdges">` +
    `<rect width="${box}" height="${box}" fill="#fff"/><path d="${path}" fill="#000"/></svg>`
  );
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Base64 of an ASCII string (the SVG above is ASCII); neither platform's own encoder is on both. */
export function asciiBase64(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i += 3) {
    const a = s.charCodeAt(i);
    const b = i + 1 < s.length ? s.charCodeAt(i + 1) : 0;
    const c = i + 2 < s.length ? s.charCodeAt(i + 2) : 0;
    const n = (a << 16) | (b << 8) | c;
    out += B64[(n >> 18) & 63]! + B64[(n >> 12) & 63]!;
    out += i + 1 < s.length ? B64[(n >> 6) & 63]! : '=';
    out += i + 2 < s.length ? B64[n & 63]! : '=';
  }
  return out;
}

export function qrDataUri(text: string): string {
  return `data:image/svg+xml;base64,${asciiBase64(qrSvg(text))}`;
}
