/**
 * The gateway serves the H5 build's scripts and styles compressed when the browser asks (brotli
 * before gzip, as accept-encoding says), plain when it does not, byte-identical once decompressed,
 * with `vary: accept-encoding`, the long cache of hashed files and the usual security headers.
 */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import zlib from 'node:zlib';
import { negotiateEncoding } from '../../../cloudfunctions/local/gateway/static-files';
import { startTestCloud, tempDataDir, type TestCloud } from '../support/local-cloud';

let cloud: TestCloud;
let h5Dir: string;
let script: Buffer;

/** A GET with exactly these headers (fetch would add its own accept-encoding and decode the body). */
function get(
  urlPath: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = http.get(`${cloud.url}${urlPath}`, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
  });
}

beforeAll(async () => {
  h5Dir = tempDataDir();
  fs.writeFileSync(path.join(h5Dir, 'index.html'), '<!doctype html><div id="app"></div>');
  fs.mkdirSync(path.join(h5Dir, 'js'));
  // A script of some size, as a build's are (below 1 KB nothing is compressed).
  script = Buffer.from(
    Array.from({ length: 400 }, (_, i) => `export const value${i} = "礼品卡 ${i}";`).join('\n'),
    'utf8',
  );
  fs.writeFileSync(path.join(h5Dir, 'js', 'app.1a2b3c4d.js'), script);
  fs.writeFileSync(path.join(h5Dir, 'js', 'tiny.5e6f7a8b.js'), 'console.log(1)');
  cloud = await startTestCloud({ h5Dir });
});

afterAll(async () => {
  await cloud.close();
  fs.rmSync(h5Dir, { recursive: true, force: true });
});

function expectAssetHeaders(headers: http.IncomingHttpHeaders): void {
  expect(headers['cache-control']).toBe('public, max-age=31536000, immutable');
  expect(headers['vary']).toBe('accept-encoding');
  expect(headers['content-type']).toBe('text/javascript; charset=utf-8');
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(headers['x-frame-options']).toBe('DENY');
  expect(headers['referrer-policy']).toBe('no-referrer');
}

test('should serve a hashed script brotli-compressed when asked, byte-identical after decompression', async () => {
  const res = await get('/js/app.1a2b3c4d.js', { 'accept-encoding': 'gzip, deflate, br' });
  expect(res.status).toBe(200);
  expect(res.headers['content-encoding']).toBe('br');
  expectAssetHeaders(res.headers);
  expect(Number(res.headers['content-length'])).toBe(res.body.length);
  expect(res.body.length).toBeLessThan(script.length / 2);
  expect(zlib.brotliDecompressSync(res.body).equals(script)).toBe(true);
});

test('should serve it gzipped to a browser that takes gzip only', async () => {
  const res = await get('/js/app.1a2b3c4d.js', { 'accept-encoding': 'gzip' });
  expect(res.headers['content-encoding']).toBe('gzip');
  expectAssetHeaders(res.headers);
  expect(zlib.gunzipSync(res.body).equals(script)).toBe(true);
  // The second answer comes from the cache of compressed bytes, and is the same.
  const again = await get('/js/app.1a2b3c4d.js', { 'accept-encoding': 'gzip' });
  expect(again.body.equals(res.body)).toBe(true);
});

test('should serve it plain when compression is not asked for or is refused', async () => {
  const asks: Record<string, string>[] = [
    {},
    { 'accept-encoding': 'identity' },
    { 'accept-encoding': 'br;q=0, gzip;q=0' },
  ];
  for (const headers of asks) {
    const res = await get('/js/app.1a2b3c4d.js', headers);
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBeUndefined();
    expectAssetHeaders(res.headers);
    expect(res.body.equals(script)).toBe(true);
  }
});

test('should leave a tiny file and the page itself uncompressed', async () => {
  const tiny = await get('/js/tiny.5e6f7a8b.js', { 'accept-encoding': 'br, gzip' });
  expect(tiny.headers['content-encoding']).toBeUndefined();
  expect(tiny.body.toString()).toBe('console.log(1)');
  const page = await get('/', { 'accept-encoding': 'br, gzip' });
  expect(page.headers['content-encoding']).toBeUndefined();
  expect(page.headers['cache-control']).toBe('no-cache');
});

test('should negotiate by accept-encoding: brotli first, gzip next, q=0 refused, * for any', () => {
  expect(negotiateEncoding('gzip, deflate, br, zstd')).toBe('br');
  expect(negotiateEncoding('gzip')).toBe('gzip');
  expect(negotiateEncoding('br;q=0, gzip;q=0.5')).toBe('gzip');
  expect(negotiateEncoding('*')).toBe('br');
  expect(negotiateEncoding('*;q=0')).toBeUndefined();
  expect(negotiateEncoding('identity')).toBeUndefined();
  expect(negotiateEncoding(undefined)).toBeUndefined();
  expect(negotiateEncoding('')).toBeUndefined();
});
