/**
 * The stored files on disk: `<root>/<bucket>/<cloud path>`, a folder tree a person can browse, so a
 * file's place says what it is. Every write lands in `<root>/.uploads/` first and is renamed into
 * place, so a reader (or a crash) never sees half a file; leftovers of a crash are cleared at start.
 * Paths reach here already checked (naming.ts); each is checked once more to resolve inside the
 * bucket, whatever slipped through.
 */
import { createHash, type Hash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { randomHex } from '../random-hex';
import { StorageRefusal } from './cos-errors';

export interface StoredFile {
  file: string;
  size: number;
  mtime: Date;
  /** sha256 of the content, hex. */
  digest: string;
}

const UPLOADS = '.uploads';

/** Reads a file through a hash. */
function digestOf(file: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    fs.createReadStream(file)
      .on('data', (chunk) => hash.update(chunk))
      .on('end', () => resolve(hash.digest('hex')))
      .on('error', reject);
  });
}

export class FileStore {
  private readonly bucketDir: string;
  private readonly uploadsDir: string;
  /**
   * Content digests by cloud path, each valid for the inode, size and mtime it was taken from: every
   * write is a new inode (a rename), so a file replaced in place is never served with the old digest.
   */
  private readonly digests = new Map<string, { ino: number; size: number; mtimeMs: number; digest: string }>();

  constructor(root: string, bucket: string) {
    this.bucketDir = path.join(root, bucket);
    this.uploadsDir = path.join(root, UPLOADS);
    fs.mkdirSync(this.bucketDir, { recursive: true, mode: 0o700 });
    fs.rmSync(this.uploadsDir, { recursive: true, force: true });
    fs.mkdirSync(this.uploadsDir, { mode: 0o700 });
  }

  private fileOf(cloudPath: string): string {
    const file = path.resolve(this.bucketDir, cloudPath);
    if (!file.startsWith(this.bucketDir + path.sep)) {
      throw new StorageRefusal(400, 'InvalidArgument', 'the cloud path leads out of the bucket');
    }
    return file;
  }

  /** A fresh temporary file for one write, to be committed or discarded. */
  tempFile(): string {
    return path.join(this.uploadsDir, randomHex());
  }

  async discard(temp: string): Promise<void> {
    await fs.promises.rm(temp, { force: true });
  }

  /** Moves a complete temporary file to `cloudPath`, replacing what was there, as an upload to the same path does. */
  async commit(temp: string, cloudPath: string, hash: Hash): Promise<StoredFile> {
    const file = this.fileOf(cloudPath);
    try {
      await fs.promises.mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
      await fs.promises.rename(temp, file);
    } catch (e) {
      await this.discard(temp);
      const code = (e as NodeJS.ErrnoException).code;
      // COS keys are flat names, so `a` and `a/b` may both exist there; a folder tree can't hold both.
      if (code === 'ENOTDIR' || code === 'EEXIST' || code === 'EISDIR') {
        throw new StorageRefusal(
          400,
          'InvalidArgument',
          'the local cloud keeps files as a folder tree: this path and a stored file or folder name each other',
        );
      }
      throw e;
    }
    const stat = await fs.promises.stat(file);
    const digest = hash.digest('hex');
    this.digests.set(cloudPath, { ino: stat.ino, size: stat.size, mtimeMs: stat.mtimeMs, digest });
    return { file, size: stat.size, mtime: stat.mtime, digest };
  }

  async writeBytes(cloudPath: string, bytes: Buffer): Promise<StoredFile> {
    const temp = this.tempFile();
    await fs.promises.writeFile(temp, bytes, { flag: 'wx', mode: 0o600 });
    return this.commit(temp, cloudPath, createHash('sha256').update(bytes));
  }

  /** The stored file at `cloudPath`, or undefined when there is none. */
  async find(cloudPath: string): Promise<StoredFile | undefined> {
    const file = this.fileOf(cloudPath);
    let stat: fs.Stats;
    try {
      stat = await fs.promises.stat(file);
    } catch {
      return undefined;
    }
    if (!stat.isFile()) return undefined;
    const known = this.digests.get(cloudPath);
    let digest = known?.digest;
    if (!known || known.ino !== stat.ino || known.size !== stat.size || known.mtimeMs !== stat.mtimeMs) {
      // Stored before this start (or replaced meanwhile): read once.
      digest = await digestOf(file);
      this.digests.set(cloudPath, { ino: stat.ino, size: stat.size, mtimeMs: stat.mtimeMs, digest });
    }
    return { file, size: stat.size, mtime: stat.mtime, digest: digest as string };
  }

  /** Deletes `cloudPath`; false when there was no such file. Folders left empty go too, as COS has none. */
  async remove(cloudPath: string): Promise<boolean> {
    const file = this.fileOf(cloudPath);
    try {
      if (!(await fs.promises.stat(file)).isFile()) return false;
      await fs.promises.unlink(file);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return false;
      throw e;
    }
    this.digests.delete(cloudPath);
    for (let dir = path.dirname(file); dir !== this.bucketDir; dir = path.dirname(dir)) {
      try {
        await fs.promises.rmdir(dir);
      } catch {
        break; // not empty (or gone already)
      }
    }
    return true;
  }
}
