/**
 * Serves the H5 build: files under its folder, and index.html for any other GET so the app's
 * browser-history routes load. Paths are resolved inside the folder only. Pages carry the browser
 * protections a payment page needs (content security policy, no framing, no MIME sniffing, no
 * referrer leaking a gift link); hashed assets are cached for good, index.html never. Scripts,
 * styles and other text assets go out compressed (brotli or gzip, as the browser's
 * accept-encoding asks), each file compressed once and kept in memory.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import zlib from 'node:zlib';
import { contentTypeOf } from './content-types';
import { HttpError } from './http-util';

const MISSING_BUILD = `<!doctype html><meta charset="utf-8"><title>礼品卡中心</title>
<p>The H5 build is missing: run <code>npm run build:h5</code> (npm start does this for you).</p>`;

/** Headers every answer of the static server carries. */
export const BASE_HEADERS = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
} as const;

/**
 * The page's policy: only our own scripts, plus the inline ones index.html itself carries (Taro's
 * screen-size script), allowed by their hashes; styles may be inline (the runtime sets them); images
 * may be data/blob URLs (QR codes, card faces, camera frames); no framing, no plugins.
 */
export function contentSecurityPolicy(html: string): string {
  const hashes = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/gi)].map(
    (m) =>
      `'sha256-${createHash('sha256')
        .update(m[1] ?? '')
        .digest('base64')}'`,
  );
  return [
    "default-src 'self'",
    `script-src 'self' ${hashes.join(' ')}`.trim(),
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    // Taro's components carry their icon font inline.
    "font-src 'self' data:",
    "media-src 'self' blob: mediastream:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** Text assets worth compressing; images and fonts are compressed already. */
const COMPRESSIBLE = new Set(['.js', '.css', '.json', '.svg', '.map']);
/** Below this a compressed answer saves less than its headers cost. */
const MIN_COMPRESS_BYTES = 1024;

type Encoding = 'br' | 'gzip';

/**
 * The encoding to answer with for an accept-encoding header: brotli when the browser takes it,
 * else gzip, else none. An encoding listed with q=0 is refused, and `*` stands for any other.
 */
export function negotiateEncoding(header: string | string[] | undefined): Encoding | undefined {
  const q = new Map<string, number>();
  for (const part of (Array.isArray(header) ? header.join(',') : (header ?? '')).split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const value = qParam ? Number(qParam.slice(2)) : 1;
    q.set(name, Number.isFinite(value) ? value : 0);
  }
  const accepts = (e: Encoding): boolean => (q.get(e) ?? q.get('*') ?? 0) > 0;
  if (accepts('br')) return 'br';
  if (accepts('gzip')) return 'gzip';
  return undefined;
}

/** Compressed bytes per file, encoding, size and modification time (a rebuilt file is compressed anew). */
const compressedCache = new Map<string, Buffer>();

function compressed(file: string, stat: fs.Stats, encoding: Encoding): Buffer {
  const key = `${encoding}:${stat.size}:${stat.mtimeMs}:${file}`;
  let bytes = compressedCache.get(key);
  if (!bytes) {
    const plain = fs.readFileSync(file);
    bytes =
      encoding === 'br'
        ? zlib.brotliCompressSync(plain, {
            params: {
              [zlib.constants.BROTLI_PARAM_QUALITY]: 9,
              [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT,
              [zlib.constants.BROTLI_PARAM_SIZE_HINT]: plain.length,
            },
          })
        : zlib.gzipSync(plain, { level: 9 });
    compressedCache.set(key, bytes);
  }
  return bytes;
}

function decodedPath(url: string | undefined): string {
  try {
    return decodeURIComponent(new URL(url ?? '/', 'http://local').pathname);
  } catch {
    throw new HttpError(400, 'MALFORMED_URL', 'the path is not valid percent-encoding');
  }
}

export function serveStatic(root: string, req: IncomingMessage, res: ServerResponse): void {
  const rel = decodedPath(req.url);
  const file = path.normalize(path.join(root, rel));
  const inside = file.startsWith(path.normalize(root + path.sep));
  let target = inside && fs.existsSync(file) && fs.statSync(file).isFile() ? file : path.join(root, 'index.html');
  if (!fs.existsSync(target)) {
    res.writeHead(503, { ...BASE_HEADERS, 'content-type': 'text/html; charset=utf-8' }).end(MISSING_BUILD);
    return;
  }
  if (rel !== '/' && !inside) target = path.join(root, 'index.html');
  const ext = path.extname(target);
  if (ext === '.html') {
    const html = fs.readFileSync(target, 'utf8');
    res.writeHead(200, {
      ...BASE_HEADERS,
      'content-type': contentTypeOf(target),
      'cache-control': 'no-cache',
      'content-security-policy': contentSecurityPolicy(html),
    });
    res.end(req.method === 'HEAD' ? undefined : html);
    return;
  }
  const headers: Record<string, string | number> = {
    ...BASE_HEADERS,
    'content-type': contentTypeOf(target),
    'cache-control': 'public, max-age=31536000, immutable',
  };
  const stat = fs.statSync(target);
  if (COMPRESSIBLE.has(ext) && stat.size >= MIN_COMPRESS_BYTES) {
    // The answer depends on accept-encoding, compressed or not: caches must keep them apart.
    headers.vary = 'accept-encoding';
    const encoding = negotiateEncoding(req.headers['accept-encoding']);
    if (encoding) {
      const body = compressed(target, stat, encoding);
      res.writeHead(200, { ...headers, 'content-encoding': encoding, 'content-length': body.length });
      res.end(req.method === 'HEAD' ? undefined : body);
      return;
    }
  }
  res.writeHead(200, { ...headers, 'content-length': stat.size });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  fs.createReadStream(target).pipe(res);
}
