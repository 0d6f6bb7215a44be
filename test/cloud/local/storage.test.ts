/**
 * Cloud storage (云存储) in the local cloud, through the real wx-server-sdk as a function calls it
 * (uploadFile, getTempFileURL, deleteFile, downloadFile; no mock): the bytes a function uploads come
 * back from the URL getTempFileURL gives, with their content type and cache headers; a missing file
 * is reported per item; the platform's rules on paths, batch sizes and file size hold; uploads need
 * the signature the platform issued; files survive a restart. And the local cloud's own door for
 * its seed: storage.put and storage.publicUrl.
 */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { loadConfig } from '../../../cloudfunctions/local/config';
import { StorageRefusal } from '../../../cloudfunctions/local/storage';
import { facePath } from '../../../cloudfunctions/core/catalog/face-art';
import { connectSdk } from '../support/sdk';
import { FIXTURE_FUNCTIONS, startTestCloud, tempDataDir, type TestCloud } from '../support/local-cloud';

jest.setTimeout(60_000);

/** Small, so a file over it is cheap to send; the platform's own limit is pinned below. */
const MAX_BYTES = 64 * 1024;

let cloud: TestCloud;
let sdk: ReturnType<typeof connectSdk>['sdk'];

beforeAll(async () => {
  cloud = await startTestCloud({ functionsDir: FIXTURE_FUNCTIONS, triggers: false, storageMaxUploadBytes: MAX_BYTES });
  sdk = connectSdk(cloud).sdk;
});

afterAll(async () => {
  await cloud.close();
});

const SVG = Buffer.from(
  '<svg xmlns="http://www.w3.org/2000/svg" width="8" height="8"><rect width="8" height="8"/></svg>',
);

/** What the SDK rejected with. */
async function refusal(p: Promise<unknown>): Promise<{ code?: string; errMsg?: string }> {
  return p.then(
    () => {
      throw new Error('expected a refusal');
    },
    (e: { code?: string; errMsg?: string }) => e,
  );
}

const bucketDir = (): string => path.join(cloud.dataDir, 'storage', cloud.storage.bucket);

async function upload(cloudPath: string, bytes: Buffer): Promise<string> {
  return (await sdk.uploadFile({ cloudPath, fileContent: bytes })).fileID;
}

async function tempUrl(fileID: string): Promise<string> {
  const res = await sdk.getTempFileURL({ fileList: [fileID] });
  const item = res!.fileList[0]!;
  expect(item.status).toBe(0);
  return item.tempFileURL;
}

/** The admin API's answer to one storage action, with the credentials the local cloud's functions hold. */
async function admin(body: Record<string, unknown>): Promise<Record<string, unknown>> {
  const res = await fetch(`${cloud.url}/admin`, {
    method: 'POST',
    headers: { authorization: `TC3-HMAC-SHA256 Credential=${cloud.sdkEnv.TENCENTCLOUD_SECRETID}/` },
    body: JSON.stringify(body),
  });
  return (await res.json()) as Record<string, unknown>;
}

async function uploadTarget(cloudPath: string): Promise<{ url: string; authorization: string }> {
  const answer = await admin({ action: 'storage.getUploadMetadata', path: cloudPath, method: 'put' });
  return answer.data as { url: string; authorization: string };
}

describe('upload → getTempFileURL → the URL', () => {
  test('should serve the bytes a function uploaded at the URL getTempFileURL gives, with their content type', async () => {
    const cloudPath = facePath(SVG.toString('utf8'));
    const fileID = await upload(cloudPath, SVG);
    // cloud://<env>.<bucket>/<path>, the bucket <hex of the env's first two letters>-<env>-<app number>.
    expect(fileID).toMatch(/^cloud:\/\/local-dev\.6c6f-local-dev-\d{10}\/faces\/[0-9a-f]{32}\.svg$/);
    expect(fileID).toBe(`cloud://local-dev.${cloud.storage.bucket}/${cloudPath}`);

    const res = await sdk.getTempFileURL({ fileList: [{ fileID, maxAge: 3600 }] });
    expect(res!.fileList).toEqual([
      { fileID, status: 0, errMsg: 'ok', maxAge: 3600, tempFileURL: cloud.storage.publicUrl(fileID) },
    ]);
    const url = res!.fileList[0]!.tempFileURL;
    expect(url).toBe(`${cloud.url}/storage/${cloud.storage.bucket}/${cloudPath}`);

    const got = await fetch(url);
    expect(got.status).toBe(200);
    expect(Buffer.from(await got.arrayBuffer())).toEqual(SVG);
    expect(got.headers.get('content-type')).toBe('image/svg+xml');
    expect(got.headers.get('content-length')).toBe(String(SVG.length));
    // On the app's own origin a stored SVG opened as a page must not run script there.
    expect(got.headers.get('content-security-policy')).toContain('sandbox');
    expect(got.headers.get('x-content-type-options')).toBe('nosniff');
    expect(fs.readFileSync(path.join(bucketDir(), cloudPath))).toEqual(SVG);

    const downloaded = await sdk.downloadFile({ fileID });
    expect(Buffer.from(downloaded.fileContent)).toEqual(SVG);
  });

  test('should cache a content-addressed file for a year, and answer HEAD and If-None-Match', async () => {
    const url = await tempUrl(await upload(facePath(SVG.toString('utf8')), SVG));
    const got = await fetch(url);
    expect(got.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const etag = got.headers.get('etag');
    expect(etag).toMatch(/^"[0-9a-f]{32}"$/);

    const head = await fetch(url, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-length')).toBe(String(SVG.length));
    expect(head.headers.get('etag')).toBe(etag);
    expect(await head.text()).toBe('');

    const again = await fetch(url, { headers: { 'if-none-match': etag! } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
  });

  test('should make a name that may be uploaded again, or only looks like a digest, revalidate', async () => {
    // An upload to the same path replaces the file, so its URL may change content: no-cache + ETag.
    const first = await tempUrl(await upload('faces/current.svg', SVG));
    const before = await fetch(first);
    expect(before.headers.get('cache-control')).toBe('no-cache');
    const replaced = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>');
    await upload('faces/current.svg', replaced);
    const after = await fetch(first, { headers: { 'if-none-match': before.headers.get('etag')! } });
    expect(after.status).toBe(200);
    expect(Buffer.from(await after.arrayBuffer())).toEqual(replaced);
    expect(after.headers.get('etag')).not.toBe(before.headers.get('etag'));

    // 16 hex digits that are not the content's digest: not trusted with an immutable cache.
    const lookalike = await tempUrl(await upload('faces/0123456789abcdef.svg', SVG));
    expect((await fetch(lookalike)).headers.get('cache-control')).toBe('no-cache');
  });

  test.each([
    ['face.png', 'image/png'],
    ['face.jpg', 'image/jpeg'],
    ['face.JPEG', 'image/jpeg'],
    ['face.webp', 'image/webp'],
    ['face.gif', 'image/gif'],
    ['data.bin', 'application/octet-stream'],
  ])('should serve %s as %s', async (name, type) => {
    const url = await tempUrl(await upload(`types/${name}`, Buffer.from([1, 2, 3, 4])));
    expect((await fetch(url)).headers.get('content-type')).toBe(type);
  });

  test('should keep a Chinese path with a space, and give its URL unencoded as WeChat does', async () => {
    const bytes = Buffer.from([0x89, 0x50, 0x4e, 0x47]);
    const fileID = await upload('卡面/蓝山 咖啡.png', bytes);
    const url = await tempUrl(fileID);
    expect(url.endsWith('/卡面/蓝山 咖啡.png')).toBe(true);
    // The SDK's downloadFile runs encodeURI over the URL, as a browser does with a raw one.
    expect(Buffer.from(await (await fetch(encodeURI(url))).arrayBuffer())).toEqual(bytes);
    expect(Buffer.from((await sdk.downloadFile({ fileID })).fileContent)).toEqual(bytes);
  });
});

describe('deleteFile', () => {
  test('should delete a file: its URL answers 404, and getTempFileURL and deleteFile report it missing per item', async () => {
    const gone = await upload('deleted/face.png', Buffer.from('gone'));
    const kept = await upload('deleted/kept.png', Buffer.from('kept'));
    const url = await tempUrl(gone);

    const deleted = await sdk.deleteFile({ fileList: [gone] });
    expect(deleted!.fileList).toEqual([{ fileID: gone, status: 0, errMsg: 'ok' }]);
    expect(fs.existsSync(path.join(bucketDir(), 'deleted', 'face.png'))).toBe(false);

    const missing = await fetch(url);
    expect(missing.status).toBe(404);
    expect(await missing.text()).toContain('<Code>NoSuchKey</Code>');
    expect((await fetch(url, { method: 'HEAD' })).status).toBe(404);

    // One answer, item by item: the missing file with STORAGE_FILE_NONEXIST (-503003) and no URL.
    const urls = await sdk.getTempFileURL({ fileList: [gone, kept] });
    expect(urls!.fileList).toEqual([
      { fileID: gone, status: -503003, errMsg: 'storage file not exists', maxAge: 86400, tempFileURL: '' },
      { fileID: kept, status: 0, errMsg: 'ok', maxAge: 86400, tempFileURL: cloud.storage.publicUrl(kept) },
    ]);
    const again = await sdk.deleteFile({ fileList: [gone] });
    expect(again!.fileList).toEqual([{ fileID: gone, status: -503003, errMsg: 'storage file not exists' }]);
    expect((await refusal(sdk.downloadFile({ fileID: gone }))).code).toBe('STORAGE_FILE_NONEXIST');
  });

  test('should remove the folders a deletion leaves empty, as COS has no folders', async () => {
    const fileID = await upload('nest/a/b/only.png', Buffer.from('x'));
    await sdk.deleteFile({ fileList: [fileID] });
    expect(fs.existsSync(path.join(bucketDir(), 'nest'))).toBe(false);
    // …so a file may take the name a folder had.
    await upload('nest', Buffer.from('now a file'));
  });

  test('should refuse a path that a stored file and folder would both name, and keep both', async () => {
    // COS keys are flat, so there `clash` and `clash/inner.png` may both exist; a folder tree can't hold both.
    await upload('clash', Buffer.from('file'));
    const e = await refusal(upload('clash/inner.png', Buffer.from('x')));
    expect(e.code).toBe('STORAGE_REQUEST_FAIL');
    expect(e.errMsg).toContain('[InvalidArgument]');
    await upload('clash2/inner.png', Buffer.from('x'));
    expect((await refusal(upload('clash2', Buffer.from('file')))).errMsg).toContain('[InvalidArgument]');
    expect(fs.readFileSync(path.join(bucketDir(), 'clash'), 'utf8')).toBe('file');
    expect(fs.readFileSync(path.join(bucketDir(), 'clash2', 'inner.png'), 'utf8')).toBe('x');
    expect(fs.readdirSync(path.join(cloud.dataDir, 'storage', '.uploads'))).toEqual([]);
  });

  test("should report another env's fileID as missing", async () => {
    const foreign = `cloud://prod-1.7072-prod-1-1250000000/faces/x.png`;
    const res = await sdk.getTempFileURL({ fileList: [foreign] });
    expect(res!.fileList[0]).toMatchObject({ fileID: foreign, status: -503003, tempFileURL: '' });
  });
});

describe("the platform's limits", () => {
  test('should take at most 50 files per getTempFileURL or deleteFile call', async () => {
    const fileID = await upload('batch/one.png', Buffer.from('1'));
    const fifty = Array.from({ length: 50 }, () => fileID);
    expect((await sdk.getTempFileURL({ fileList: fifty }))!.fileList).toHaveLength(50);
    expect((await refusal(sdk.getTempFileURL({ fileList: [...fifty, fileID] }) as Promise<unknown>)).code).toBe(
      'INVALID_PARAM',
    );
    expect((await refusal(sdk.deleteFile({ fileList: [...fifty, fileID] }) as Promise<unknown>)).code).toBe(
      'INVALID_PARAM',
    );
    // The refused deletion deleted nothing.
    expect((await fetch(await tempUrl(fileID))).status).toBe(200);
  });

  // Over 850 bytes in all, each name within the 255 bytes a file system takes.
  const tooLong = `${`${'a'.repeat(200)}/`.repeat(4)}${'b'.repeat(46)}.txt`;

  test.each([
    ['../escape.txt', '. or ..'],
    ['faces/../../escape.txt', '. or ..'],
    ['./escape.txt', '. or ..'],
    ['/escape.txt', 'starts with /'],
    ['\\escape.txt', 'starts with /'],
    ['faces//escape.txt', '//'],
    ['faces/', 'ends with /'],
    ['', 'empty'],
    [tooLong, 'over 850 bytes'],
    ['faces/\u001bescape.txt', 'ESC'],
  ])('should refuse the cloud path %j (%s) and store nothing', async (cloudPath, reason) => {
    const e = await refusal(upload(cloudPath, Buffer.from('escape')));
    expect(e.code).toBe('STORAGE_REQUEST_FAIL');
    expect(e.errMsg).toContain('[InvalidArgument]');
    expect(e.errMsg).toContain(reason);
    for (const dir of [bucketDir(), path.join(cloud.dataDir, 'storage'), cloud.dataDir, path.dirname(cloud.dataDir)]) {
      expect(fs.existsSync(path.join(dir, 'escape.txt'))).toBe(false);
    }
    expect(fs.readdirSync(path.join(cloud.dataDir, 'storage', '.uploads'))).toEqual([]);
  });

  test('should take a path of exactly 850 bytes', async () => {
    const longest = `${`${'a'.repeat(200)}/`.repeat(4)}${'b'.repeat(42)}.txt`;
    expect(Buffer.byteLength(longest)).toBe(850);
    expect((await fetch(await tempUrl(await upload(longest, Buffer.from('x'))))).status).toBe(200);
  });

  test('should refuse a file over the size limit with EntityTooLarge, and take one at the limit', async () => {
    const e = await refusal(upload('big/over.bin', Buffer.alloc(MAX_BYTES + 1, 7)));
    expect(e.code).toBe('STORAGE_REQUEST_FAIL');
    expect(e.errMsg).toContain('[EntityTooLarge]');
    expect(fs.existsSync(path.join(bucketDir(), 'big', 'over.bin'))).toBe(false);
    expect(fs.readdirSync(path.join(cloud.dataDir, 'storage', '.uploads'))).toEqual([]);

    const fileID = await upload('big/at-limit.bin', Buffer.alloc(MAX_BYTES, 7));
    expect((await sdk.downloadFile({ fileID })).fileContent).toHaveLength(MAX_BYTES);
  });

  test('should refuse a body declared over the limit at once, before reading it', async () => {
    const { url, authorization } = await uploadTarget('big/declared.bin');
    const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = http.request(url, { method: 'PUT', headers: { authorization, 'content-length': MAX_BYTES + 1 } });
      req.on('response', (res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      });
      req.on('error', reject);
      req.flushHeaders(); // headers only: the answer must come without the body
    });
    expect(answer.status).toBe(400);
    expect(answer.body).toContain('<Code>EntityTooLarge</Code>');
  });

  test("should default to COS's 5 GB limit on one upload", () => {
    expect(loadConfig({}).storageMaxUploadBytes).toBe(5 * 1024 ** 3);
    expect(() => loadConfig({ STORAGE_MAX_UPLOAD_BYTES: String(5 * 1024 ** 3 + 1) })).toThrow(
      /STORAGE_MAX_UPLOAD_BYTES/,
    );
  });
});

describe('the upload target', () => {
  const put = (url: string, headers: Record<string, string>) =>
    fetch(url, { method: 'PUT', headers, body: 'overwritten' });

  test('should refuse an upload without the signature issued for its path, and keep the file', async () => {
    const fileID = await upload('signed/face.png', Buffer.from('original'));
    const { url, authorization } = await uploadTarget('signed/face.png');
    const other = await uploadTarget('signed/other.png');

    const anonymous = await put(url, {});
    expect(anonymous.status).toBe(403);
    expect(await anonymous.text()).toContain('<Code>SignatureDoesNotMatch</Code>');
    expect((await put(url, { authorization: other.authorization })).status).toBe(403);
    expect((await put(`${url}x`, { authorization })).status).toBe(403);

    await fetch(`${cloud.url}/api/test/clock`, { method: 'POST', body: JSON.stringify({ advanceMs: 601_000 }) });
    const expired = await put(url, { authorization });
    expect(expired.status).toBe(403);
    expect(await expired.text()).toContain('<Code>AccessDenied</Code>');

    expect((await sdk.downloadFile({ fileID })).fileContent.toString()).toBe('original');
  });

  test('should not serve anything outside the bucket, however the path is encoded', async () => {
    await upload('inside.txt', Buffer.from('inside'));
    // Raw request lines (fetch would fold a plain `..` away before sending).
    const get = (rawPath: string) =>
      new Promise<{ status: number; body: string }>((resolve, reject) => {
        http
          .get({ host: '127.0.0.1', port: cloud.port, path: rawPath }, (res) => {
            let body = '';
            res.on('data', (c: Buffer) => (body += c.toString()));
            res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
          })
          .on('error', reject);
      });
    const secret = fs.readFileSync(path.join(cloud.dataDir, 'session-secret'), 'utf8');
    for (const rawPath of [
      `/storage/${cloud.storage.bucket}/../../session-secret`,
      `/storage/${cloud.storage.bucket}/..%2F..%2Fsession-secret`,
      `/storage/${cloud.storage.bucket}/%2E%2E/%2E%2E/session-secret`,
      `/storage/${cloud.storage.bucket}/%2Fetc%2Fpasswd`,
      `/storage/${cloud.storage.bucket}/x/..%2F..%2F..%2Fcloud.db`,
    ]) {
      const got = await get(rawPath);
      expect([rawPath, got.status]).toEqual([rawPath, 404]);
      expect(got.body).not.toContain(secret);
    }
    expect((await get(`/storage/${cloud.storage.bucket}/inside.txt`)).body).toBe('inside');
  });

  test('should answer 405 to other methods and 404 to another bucket', async () => {
    const url = await tempUrl(await upload('methods/face.png', Buffer.from('x')));
    expect((await fetch(url, { method: 'DELETE' })).status).toBe(405);
    expect((await fetch(url)).status).toBe(200);
    const wrongBucket = await fetch(`${cloud.url}/storage/7072-prod-1-1250000000/methods/face.png`);
    expect(wrongBucket.status).toBe(404);
    expect(await wrongBucket.text()).toContain('<Code>NoSuchBucket</Code>');
  });
});

describe("the local cloud's own door (for its seed)", () => {
  test('should store with put, answer the fileID, and map it to the URL the SDK gives', async () => {
    const bytes = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>');
    const cloudPath = facePath(bytes.toString('utf8'));
    const fileID = await cloud.storage.put(cloudPath, bytes);
    expect(fileID).toBe(`cloud://local-dev.${cloud.storage.bucket}/${cloudPath}`);
    expect(cloud.storage.publicUrl(fileID)).toBe(await tempUrl(fileID));
    const got = await fetch(cloud.storage.publicUrl(fileID));
    expect(Buffer.from(await got.arrayBuffer())).toEqual(bytes);
    expect(got.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
  });

  test('should refuse with the same rules as an upload', async () => {
    await expect(cloud.storage.put('../escape.svg', SVG)).rejects.toMatchObject({ code: 'InvalidArgument' });
    await expect(cloud.storage.put('big.bin', Buffer.alloc(MAX_BYTES + 1))).rejects.toBeInstanceOf(StorageRefusal);
    await expect(cloud.storage.put('big.bin', Buffer.alloc(MAX_BYTES + 1))).rejects.toMatchObject({
      code: 'EntityTooLarge',
    });
    expect(() => cloud.storage.publicUrl('cloud://prod-1.7072-prod-1-1250000000/x.png')).toThrow(/not a fileID/);
  });
});

test('should keep files across a restart, at the same URL', async () => {
  const dataDir = tempDataDir();
  let first: TestCloud | undefined = await startTestCloud({
    dataDir,
    functionsDir: FIXTURE_FUNCTIONS,
    triggers: false,
  });
  let second: TestCloud | undefined;
  try {
    const port = first.port;
    const fileID = await connectSdk(first).sdk.uploadFile({ cloudPath: 'durable/face.svg', fileContent: SVG });
    const before = await connectSdk(first).sdk.getTempFileURL({ fileList: [fileID.fileID] });
    await first.close();
    first = undefined;
    // The SDK's requests go through Node's keep-alive agent: drop its sockets to the stopped cloud,
    // or the first request to the new one may be sent down one the old cloud is closing.
    http.globalAgent.destroy();

    second = await startTestCloud({ dataDir, port, functionsDir: FIXTURE_FUNCTIONS, triggers: false });
    const after = await connectSdk(second).sdk.getTempFileURL({ fileList: [fileID.fileID] });
    expect(after!.fileList[0]!.status).toBe(0);
    expect(after!.fileList[0]!.tempFileURL).toBe(before!.fileList[0]!.tempFileURL);
    const got = await fetch(after!.fileList[0]!.tempFileURL);
    expect(Buffer.from(await got.arrayBuffer())).toEqual(SVG);
  } finally {
    await first?.close();
    await second?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
    connectSdk(cloud);
  }
});
