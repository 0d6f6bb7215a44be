/**
 * Reads the multipart/form-data bodies wx-server-sdk sends for WeChat Pay and open-API calls
 * (`wx.wxPayApi`, `wx.openApi`). Fields stay raw bytes: their values are protobuf or JSON buffers,
 * and a text decoding (what the platform's FormData parser does for parts without a filename)
 * would corrupt them.
 */
import type { IncomingMessage } from 'node:http';
import { HttpError } from './http-util';

export function isMultipart(req: IncomingMessage): boolean {
  return /^multipart\/form-data/i.test(req.headers['content-type'] ?? '');
}

/** The named parts of a multipart body, each as its bytes. */
export function parseMultipart(body: Buffer, contentType: string): Map<string, Buffer> {
  const m = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType);
  if (!m) throw new HttpError(400, 'INVALID_MULTIPART', 'multipart boundary missing');
  const delimiter = Buffer.from(`--${(m[1] ?? m[2])!.trim()}`);
  const parts = new Map<string, Buffer>();
  let at = body.indexOf(delimiter);
  while (at !== -1) {
    const start = at + delimiter.length;
    // `--` after a delimiter closes the body.
    if (body.subarray(start, start + 2).toString() === '--') break;
    const next = body.indexOf(delimiter, start);
    if (next === -1) break;
    const part = body.subarray(start + 2, next - 2); // past its CRLF, before the next one's
    const headerEnd = part.indexOf('\r\n\r\n');
    if (headerEnd === -1) throw new HttpError(400, 'INVALID_MULTIPART', 'part without headers');
    const headers = part.subarray(0, headerEnd).toString('utf8');
    const name = /name="([^"]*)"/i.exec(headers)?.[1];
    if (name !== undefined) parts.set(name, part.subarray(headerEnd + 4));
    at = next;
  }
  return parts;
}
