/**
 * The local cloud's storage (云存储): files kept under the data folder, reached by functions through
 * wx-server-sdk's uploadFile / getTempFileURL / deleteFile / downloadFile exactly as in WeChat Cloud
 * (admin-actions.ts: the `storage.*` actions; http.ts: the upload target and the public file URLs),
 * and by the local cloud itself (its seed) through `put` and `publicUrl`, without the SDK.
 *
 *   fileID      cloud://<env>.<bucket>/<cloud path>              (naming.ts)
 *   public URL  <local cloud URL>/storage/<bucket>/<cloud path>  stands for https://<bucket>.tcb.qcloud.la/<cloud path>
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { StorageRefusal } from './cos-errors';
import { FileStore, type StoredFile } from './file-store';
import { bucketOf, cloudPathOf, cloudPathProblem, fileIdOf } from './naming';

export { StorageRefusal } from './cos-errors';

/** Where the gateway serves stored files and takes uploads. */
export const STORAGE_PATH_PREFIX = '/storage/';

/**
 * How long an upload's signature is good for: the SDK's own requests to the platform expire after
 * 600 s (tcbapirequester's `X-Signature-Expires: 600`), so an upload target is given as long.
 */
export const UPLOAD_SIGNATURE_SECONDS = 600;

/**
 * Whether a stored file's name says it is content-addressed (a card face's is
 * `faces/<32 hex of sha256>.svg`, core/catalog/face-art.ts), and truly is; such a file never changes
 * under its name, so it is served with a year's immutable cache (http.ts): its name (before the
 * extension) ends in at least 16 hex digits, after a `-`, `_` or `.` or alone, that begin its content's
 * sha256. A name that merely looks like a digest is not trusted with a cache that can't be undone.
 */
export function isContentAddressed(cloudPath: string, digest: string): boolean {
  const name = cloudPath.slice(cloudPath.lastIndexOf('/') + 1);
  const stem = name.includes('.', 1) ? name.slice(0, name.lastIndexOf('.')) : name;
  const m = /(?:^|[-_.])([0-9a-f]{16,64})$/.exec(stem);
  return m !== null && digest.startsWith(m[1] as string);
}

export interface LocalStorageOptions {
  /** Folder holding the files (`<DATA_DIR>/storage`). */
  root: string;
  envId: string;
  /** The local cloud's own URL, which public file URLs start with. */
  baseUrl: string;
  /** Key signing upload targets (derived from the local cloud's secret, so it survives restarts). */
  signingKey: Buffer;
  /** The largest file accepted (STORAGE_MAX_UPLOAD_BYTES). */
  maxUploadBytes: number;
  now: () => number;
}

export class LocalStorage {
  readonly envId: string;
  readonly bucket: string;
  readonly maxUploadBytes: number;
  readonly store: FileStore;
  private readonly baseUrl: string;
  private readonly signingKey: Buffer;
  private readonly now: () => number;

  constructor(opts: LocalStorageOptions) {
    this.envId = opts.envId;
    this.bucket = bucketOf(opts.envId);
    this.baseUrl = opts.baseUrl;
    this.signingKey = opts.signingKey;
    this.maxUploadBytes = opts.maxUploadBytes;
    this.now = opts.now;
    this.store = new FileStore(opts.root, this.bucket);
  }

  fileIdOf(cloudPath: string): string {
    return fileIdOf(this.envId, cloudPath);
  }

  /** The cloud path of one of this env's fileIDs, or undefined. */
  cloudPathOf(fileID: string): string | undefined {
    return cloudPathOf(this.envId, fileID);
  }

  /**
   * Stores `bytes` at `cloudPath` (replacing a file there), as cloud.uploadFile does, and returns its
   * fileID. Throws a StorageRefusal for a path WeChat refuses or a file over the size limit.
   */
  async put(cloudPath: string, bytes: Buffer): Promise<string> {
    const problem = cloudPathProblem(cloudPath);
    if (problem) throw new StorageRefusal(400, 'InvalidArgument', problem);
    if (bytes.length > this.maxUploadBytes) throw this.tooLarge();
    await this.store.writeBytes(cloudPath, bytes);
    return this.fileIdOf(cloudPath);
  }

  /**
   * The public URL of one of this env's files (whether it exists or not), as getTempFileURL answers
   * it: not percent-encoded, as WeChat's isn't (the SDK's downloadFile runs encodeURI over it).
   */
  publicUrl(fileID: string): string {
    const cloudPath = this.cloudPathOf(fileID);
    if (cloudPath === undefined) throw new Error(`${fileID} is not a fileID of env ${this.envId}`);
    return this.urlOf(cloudPath);
  }

  urlOf(cloudPath: string): string {
    return `${this.baseUrl}${STORAGE_PATH_PREFIX}${this.bucket}/${cloudPath}`;
  }

  /** Where the SDK PUTs a file for `cloudPath` (http.ts). */
  uploadUrl(cloudPath: string): string {
    return `${this.baseUrl}${STORAGE_PATH_PREFIX}${this.bucket}?key=${encodeURIComponent(cloudPath)}`;
  }

  /** The cloud path of one of this env's fileIDs that could name a stored file, or undefined. */
  private storedPathOf(fileID: string): string | undefined {
    const cloudPath = this.cloudPathOf(fileID);
    return cloudPath === undefined || cloudPathProblem(cloudPath) ? undefined : cloudPath;
  }

  /** The stored file a fileID names, or undefined. */
  async find(fileID: string): Promise<StoredFile | undefined> {
    const cloudPath = this.storedPathOf(fileID);
    return cloudPath === undefined ? undefined : this.store.find(cloudPath);
  }

  /** Deletes the file a fileID names; false when there was none. */
  async remove(fileID: string): Promise<boolean> {
    const cloudPath = this.storedPathOf(fileID);
    return cloudPath === undefined ? false : this.store.remove(cloudPath);
  }

  tooLarge(): StorageRefusal {
    return new StorageRefusal(400, 'EntityTooLarge', `a file may be at most ${this.maxUploadBytes} bytes`);
  }

  private signature(cloudPath: string, signTime: string): Buffer {
    return createHmac('sha256', this.signingKey).update(`${this.bucket}/${cloudPath}\n${signTime}`).digest();
  }

  /** The `authorization` an upload of `cloudPath` must carry, in COS's `q-` form. */
  uploadAuthorization(cloudPath: string): string {
    const start = Math.floor(this.now() / 1000);
    const signTime = `${start};${start + UPLOAD_SIGNATURE_SECONDS}`;
    return `q-sign-algorithm=sha256&q-sign-time=${signTime}&q-signature=${this.signature(cloudPath, signTime).toString('hex')}`;
  }

  /** Throws COS's 403 unless `authorization` was issued for an upload of `cloudPath` and is still valid. */
  checkUploadAuthorization(cloudPath: string, authorization: string | undefined): void {
    const fields = new URLSearchParams(authorization ?? '');
    const signTime = fields.get('q-sign-time') ?? '';
    const given = Buffer.from(fields.get('q-signature') ?? '', 'hex');
    const expected = this.signature(cloudPath, signTime);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      throw new StorageRefusal(403, 'SignatureDoesNotMatch', 'the upload signature does not match this path');
    }
    const end = Number(signTime.split(';')[1]);
    if (!(this.now() / 1000 <= end)) throw new StorageRefusal(403, 'AccessDenied', 'Request has expired');
  }
}
