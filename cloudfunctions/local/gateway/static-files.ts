/**
 * Serves the H5 build: files under its folder, and index.html for any other GET so the app's
 * browser-history routes load. Paths are resolved inside the folder only.
 */
import fs from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';

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

export function serveStatic(root: string, req: IncomingMessage, res: ServerResponse): void {
  const url = new URL(req.url ?? '/', 'http://local');
  const rel = decodeURIComponent(url.pathname);
  const file = path.normalize(path.join(root, rel));
  const inside = file.startsWith(path.normalize(root + path.sep));
  let target = inside && fs.existsSync(file) && fs.statSync(file).isFile() ? file : path.join(root, 'index.html');
  if (!fs.existsSync(target)) {
    res.writeHead(503, { 'content-type': 'text/html; charset=utf-8' }).end(MISSING_BUILD);
    return;
  }
  if (rel !== '/' && !inside) target = path.join(root, 'index.html');
  const ext = path.extname(target);
  // Hashed assets may be cached for long; index.html must always be fresh.
  const cache = ext === '.html' ? 'no-cache' : 'public, max-age=31536000, immutable';
  res.writeHead(200, { 'content-type': TYPES[ext] ?? 'application/octet-stream', 'cache-control': cache });
  fs.createReadStream(target).pipe(res);
}
