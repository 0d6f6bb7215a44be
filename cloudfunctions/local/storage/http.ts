/**
 * The storage's HTTP side, under `/storage/<bucket>/<cloud path>` on the gateway:
 *
 * - PUT `?key=<path>`: the upload target getUploadMetadata hands the SDK (COS's PUT Object). Only with the
 *   signature issued for that path, within its 600 s; the path must follow WeChat's rules and the
 *   body stay within the size limit (COS's simple upload takes at most 5 GB, tencentcloud.com/
 *   document/product/436/14113: STORAGE_MAX_UPLOAD_BYTES). Bytes go to a temporary file, renamed into
 *   place when whole. Answers 200 with an empty body (what the SDK reads as success) or a COS XML error.
 * - GET / HEAD: the file, public-read, as `https://<bucket>.tcb.qcloud.la/<path>` serves it: its
 *   content type from the extension, a strong ETag (its sha256), 304 to a matching If-None-Match,
 *   404 NoSuchKey when missing. Cache: a content-addressed name (index.ts) never changes, so a year,
 *   immutable; any other name may be uploaded again (an upload to the same path replaces the file),
 *   so `no-cache`: kept, but checked against the ETag each time.
 *
 * The request line is read raw, not normalised (cloudPathOf).
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { contentTypeOf } from '../gateway/content-types';
import { sendCosError, StorageRefusal } from './cos-errors';
import { isContentAddressed, STORAGE_PATH_PREFIX, type LocalStorage } from './index';
import { cloudPathProblem } from './naming';

/**
 * On WeChat the files live on their own domain; here they share the app's origin, so a stored SVG
 * opened as a page must not run script there: `sandbox` gives it an origin of its own. Pictures
 * drawn by `<img>` are unaffected.
 */
const FILE_HEADERS = {
  'x-content-type-options': 'nosniff',
  'content-security-policy': "default-src 'none'; img-src data:; style-src 'unsafe-inline'; sandbox",
} as const;

const IMMUTABLE = 'public, max-age=31536000, immutable';

/** A stored file's strong ETag, from its content's sha256. */
const etagOf = (digest: string): string => `"${digest.slice(0, 32)}"`;

/**
 * The cloud path a request names: for GET / HEAD from the URL's path, `/storage/<bucket>/<path>` (a
 * browser has already dropped any `.` or `..` from it); for the PUT from its `key` parameter,
 * `/storage/<bucket>?key=<path>`, which no client normalises, so the path checks see what the
 * function asked for.
 */
function cloudPathOf(storage: LocalStorage, method: string | undefined, url: string): string {
  const query = url.indexOf('?');
  const rest = (query < 0 ? url : url.slice(0, query)).slice(STORAGE_PATH_PREFIX.length);
  const slash = rest.indexOf('/');
  if ((slash < 0 ? rest : rest.slice(0, slash)) !== storage.bucket) {
    throw new StorageRefusal(404, 'NoSuchBucket', 'The specified bucket does not exist.');
  }
  if (method === 'PUT') return new URLSearchParams(query < 0 ? '' : url.slice(query + 1)).get('key') ?? '';
  try {
    return decodeURIComponent(slash < 0 ? '' : rest.slice(slash + 1));
  } catch {
    throw new StorageRefusal(400, 'InvalidArgument', 'the path is not valid percent-encoding');
  }
}

/** Counts the body through; past the limit it drops the rest (read to the end, so the client gets the answer). */
class SizeLimit extends Transform {
  size = 0;
  constructor(
    private readonly limit: number,
    private readonly hash: ReturnType<typeof createHash>,
  ) {
    super();
  }
  override _transform(chunk: Buffer, _enc: BufferEncoding, done: (e?: Error | null, data?: Buffer) => void): void {
    this.size += chunk.length;
    if (this.size > this.limit) return done();
    this.hash.update(chunk);
    done(null, chunk);
  }
}

async function upload(storage: LocalStorage, req: IncomingMessage, res: ServerResponse, cloudPath: string) {
  storage.checkUploadAuthorization(cloudPath, req.headers.authorization);
  const problem = cloudPathProblem(cloudPath);
  if (problem) throw new StorageRefusal(400, 'InvalidArgument', problem);
  if (Number(req.headers['content-length'] ?? 0) > storage.maxUploadBytes) {
    // Declared too large: answered at once, the connection closed rather than the body read.
    return sendCosError(res, storage.tooLarge(), cloudPath, true);
  }
  const temp = storage.store.tempFile();
  const hash = createHash('sha256');
  const counter = new SizeLimit(storage.maxUploadBytes, hash);
  try {
    await pipeline(req, counter, fs.createWriteStream(temp, { flags: 'wx', mode: 0o600 }));
  } catch (e) {
    await storage.store.discard(temp);
    // The client went away mid-body: nothing was stored and there is no one to answer.
    if (!req.complete) return;
    throw e;
  }
  if (counter.size > storage.maxUploadBytes) {
    await storage.store.discard(temp);
    throw storage.tooLarge();
  }
  const stored = await storage.store.commit(temp, cloudPath, hash);
  res.writeHead(200, { etag: etagOf(stored.digest), 'content-length': 0 });
  res.end();
}

function notModified(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch.split(',').some((tag) => {
    const t = tag.trim();
    return t === '*' || t === etag || t === `W/${etag}`;
  });
}

async function serve(storage: LocalStorage, req: IncomingMessage, res: ServerResponse, cloudPath: string) {
  const stored = cloudPathProblem(cloudPath) ? undefined : await storage.store.find(cloudPath);
  if (!stored) throw new StorageRefusal(404, 'NoSuchKey', 'The specified key does not exist.');
  const etag = etagOf(stored.digest);
  const cacheControl = isContentAddressed(cloudPath, stored.digest) ? IMMUTABLE : 'no-cache';
  if (notModified(req.headers['if-none-match'], etag)) {
    res.writeHead(304, { ...FILE_HEADERS, etag, 'cache-control': cacheControl });
    res.end();
    return;
  }
  res.writeHead(200, {
    ...FILE_HEADERS,
    'content-type': contentTypeOf(cloudPath),
    'content-length': stored.size,
    etag,
    'last-modified': stored.mtime.toUTCString(),
    'cache-control': cacheControl,
  });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  // Deleted between the look-up and the read: the answer is cut short rather than wrong.
  fs.createReadStream(stored.file)
    .on('error', () => res.destroy())
    .pipe(res);
}

/** Answers a request under STORAGE_PATH_PREFIX. */
export async function handleStorageHttp(storage: LocalStorage, req: IncomingMessage, res: ServerResponse) {
  let resource = req.url ?? '';
  try {
    const cloudPath = cloudPathOf(storage, req.method, resource);
    resource = cloudPath;
    if (req.method === 'PUT') return await upload(storage, req, res, cloudPath);
    if (req.method === 'GET' || req.method === 'HEAD') return await serve(storage, req, res, cloudPath);
    throw new StorageRefusal(405, 'MethodNotAllowed', `${req.method ?? ''} is not allowed here`);
  } catch (e) {
    if (!(e instanceof StorageRefusal)) throw e;
    // A PUT refused before its body was read: read it to the end (dropping it) so the client, still
    // sending, gets the answer rather than a reset, as the gateway's other refusals do.
    if (!req.complete) {
      await new Promise((resolve) => req.on('end', resolve).on('close', resolve).resume());
    }
    sendCosError(res, e, resource);
  }
}
