/**
 * Serves the H5 build: files under its folder, and index.html for any other GET so the app's
 * browser-history routes load. Paths are resolved inside the folder only. Pages carry the browser
 * protections a payment page needs (content security policy, no framing, no MIME sniffing, no
 * referrer leaking a gift link); hashed assets are cached for good, index.html never.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { HttpError } from './http-util';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json',
};

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
      'content-type': TYPES[ext],
      'cache-control': 'no-cache',
      'content-security-policy': contentSecurityPolicy(html),
    });
    res.end(req.method === 'HEAD' ? undefined : html);
    return;
  }
  res.writeHead(200, {
    ...BASE_HEADERS,
    'content-type': TYPES[ext] ?? 'application/octet-stream',
    'cache-control': 'public, max-age=31536000, immutable',
  });
  fs.createReadStream(target).pipe(res);
}
