/**
 * The gateway as a browser and an attacker meet it: bad URLs and bodies get 4xx, pages carry their
 * protections, answers about a person are never cached, health says nothing about what runs, and
 * the data files are the owner's alone.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { startTestCloud, tempDataDir, type TestCloud } from '../support/local-cloud';

const INLINE = 'window.__screen = 375;';
let cloud: TestCloud;
let h5Dir: string;

beforeAll(async () => {
  h5Dir = tempDataDir();
  fs.writeFileSync(path.join(h5Dir, 'index.html'), `<!doctype html><script>${INLINE}</script><div id="app"></div>`);
  fs.mkdirSync(path.join(h5Dir, 'js'));
  fs.writeFileSync(path.join(h5Dir, 'js', 'app.1a2b3c.js'), 'console.log(1)');
  cloud = await startTestCloud({ h5Dir });
});

afterAll(async () => {
  await cloud.close();
  fs.rmSync(h5Dir, { recursive: true, force: true });
});

test('should answer 400, not 500, to a path that is not valid percent-encoding', async () => {
  for (const bad of ['/%E0%A4%A', '/gift/%', '/%FF%FE']) {
    const res = await fetch(`${cloud.url}${bad}`);
    expect([bad, res.status]).toEqual([bad, 400]);
  }
});

test('should answer 400 to a JSON body that is not an object, on every route that reads one', async () => {
  for (const body of ['null', '[]', '7', '"alice"']) {
    const login = await fetch(`${cloud.url}/api/dev/login`, { method: 'POST', body });
    expect([body, login.status]).toEqual([body, 400]);
    const clock = await fetch(`${cloud.url}/api/test/clock`, { method: 'POST', body });
    expect([body, clock.status]).toEqual([body, 400]);
    expect((await cloud.post('catalog', body)).status).toBe(400);
  }
});

test('should serve pages with a content security policy that admits exactly their own inline script', async () => {
  const res = await fetch(`${cloud.url}/gift/claim?token=x`);
  expect(res.status).toBe(200);
  const csp = res.headers.get('content-security-policy') ?? '';
  const hash = createHash('sha256').update(INLINE).digest('base64');
  expect(csp).toContain(`script-src 'self' 'sha256-${hash}'`);
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).toContain("object-src 'none'");
  expect(csp).not.toContain('unsafe-eval');
  expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  expect(res.headers.get('x-frame-options')).toBe('DENY');
  expect(res.headers.get('referrer-policy')).toBe('no-referrer');
  expect(res.headers.get('cache-control')).toBe('no-cache');
  const asset = await fetch(`${cloud.url}/js/app.1a2b3c.js`);
  expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
  expect(asset.headers.get('x-content-type-options')).toBe('nosniff');
});

test('should tell every cache to keep no API answer', async () => {
  const login = await fetch(`${cloud.url}/api/dev/login`, { method: 'POST', body: JSON.stringify({ user: 'alice' }) });
  expect(login.headers.get('cache-control')).toBe('no-store');
  const token = ((await login.json()) as { token: string }).token;
  const call = await fetch(`${cloud.url}/api/functions/wallet`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
    body: JSON.stringify({ action: 'list' }),
  });
  expect(call.status).toBe(200);
  expect(call.headers.get('cache-control')).toBe('no-store');
  const refused = await fetch(`${cloud.url}/api/functions/wallet`, { method: 'POST', body: '{' });
  expect(refused.headers.get('cache-control')).toBe('no-store');
});

test('should say only that it is up on /api/health', async () => {
  const res = await fetch(`${cloud.url}/api/health`);
  expect(await res.json()).toEqual({ ok: true });
});

test('should keep the data folder and everything in it readable by its owner only', async () => {
  await cloud.storage.put('faces/owner-only.svg', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'));
  const files = fs.readdirSync(cloud.dataDir);
  expect(files).toEqual(expect.arrayContaining(['cloud.db', 'pay.db', 'session-secret', 'storage']));
  expect([cloud.dataDir, fs.statSync(cloud.dataDir).mode & 0o777]).toEqual([cloud.dataDir, 0o700]);
  // Folders (storage's tree) owner-only too: 0700, files 0600.
  for (const f of fs.readdirSync(cloud.dataDir, { recursive: true }) as string[]) {
    const stat = fs.statSync(path.join(cloud.dataDir, f));
    expect([f, stat.mode & 0o777]).toEqual([f, stat.isDirectory() ? 0o700 : 0o600]);
  }
});
