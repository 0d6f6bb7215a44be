/**
 * The `storage.*` actions wx-server-sdk sends to the admin endpoint, answered in the platform's
 * shapes (read by @cloudbase/node-sdk's storage/index.ts and wx-server-sdk's tcb provider):
 *
 * - `storage.getUploadMetadata` {path} → `data: {url, token, authorization, fileId, cosFileId,
 *   download_url}`; the SDK then PUTs the bytes to `url` (http.ts), which refuses a bad path or size.
 * - `storage.batchGetDownloadUrl` {file_list: [{fileid, max_age}]} → `data.download_list`, one item
 *   per file: `{fileID, tempFileURL, code: 'SUCCESS', maxAge}`, or for a file that isn't there
 *   `code: 'STORAGE_FILE_NONEXIST'` with tempFileURL '' (docs.cloudbase.net/error-code/
 *   STORAGE_FILE_NONEXIST); wx-server-sdk turns the code into the item's `status` (-503003).
 * - `storage.batchDeleteFile` {fileid_list} → `data.delete_list`: `{fileID, code}` per file, the same
 *   codes. (That a missing file is STORAGE_FILE_NONEXIST here too is not documented; it is what apps
 *   written against WeChat Cloud expect, treating it as deleted already.)
 *
 * At most 50 files per call (getTempFileURL: "一次最多取 50 个", reference-sdk-api/storage/
 * Cloud.getTempFileURL; deleteFile: the node-sdk's own test "删除超出文件数限制50" expects
 * INVALID_PARAM for 51): more is refused whole with INVALID_PARAM, the `code` the SDK rejects with.
 */
import type { LocalStorage } from './index';

const MAX_FILES_PER_CALL = 50;
/** getTempFileURL's default lifetime: one day ("默认一天", reference-client-api/storage/getTempFileURL). */
const DEFAULT_MAX_AGE_SECONDS = 86_400;

type Answer = Record<string, unknown>;

const invalid = (message: string): Answer => ({ code: 'INVALID_PARAM', message, requestId: '' });

function fileList(value: unknown, name: string): unknown[] | Answer {
  if (!Array.isArray(value) || value.length === 0) return invalid(`${name} must be a non-empty array`);
  if (value.length > MAX_FILES_PER_CALL) return invalid(`${name} holds over ${MAX_FILES_PER_CALL} files`);
  return value;
}

function uploadMetadata(storage: LocalStorage, body: Answer): Answer {
  if (typeof body.path !== 'string') return invalid('path must be a string');
  const cloudPath = body.path;
  return {
    data: {
      // The path as a parameter, which no client normalises (http.ts); it is checked when the bytes arrive.
      url: storage.uploadUrl(cloudPath),
      authorization: storage.uploadAuthorization(cloudPath),
      // No temporary credentials here: the signed authorization alone grants the upload.
      token: '',
      fileId: storage.fileIdOf(cloudPath),
      cosFileId: '',
      download_url: storage.urlOf(cloudPath),
    },
    requestId: '',
  };
}

async function downloadUrls(storage: LocalStorage, body: Answer): Promise<Answer> {
  const list = fileList(body.file_list, 'file_list');
  if (!Array.isArray(list)) return list;
  const downloads = [];
  for (const item of list) {
    const { fileid, max_age } = (item ?? {}) as { fileid?: unknown; max_age?: unknown };
    const fileID = typeof fileid === 'string' ? fileid : '';
    const maxAge = typeof max_age === 'number' ? max_age : DEFAULT_MAX_AGE_SECONDS;
    // Public-read files: the URL has no signature and doesn't expire (a public file's link "不会过期",
    // Cloud.getTempFileURL), whatever maxAge asks; maxAge is reported back as asked.
    downloads.push(
      (await storage.find(fileID))
        ? { fileID, tempFileURL: storage.publicUrl(fileID), code: 'SUCCESS', maxAge }
        : { fileID, tempFileURL: '', code: 'STORAGE_FILE_NONEXIST', maxAge },
    );
  }
  return { data: { download_list: downloads }, requestId: '' };
}

async function deletions(storage: LocalStorage, body: Answer): Promise<Answer> {
  const list = fileList(body.fileid_list, 'fileid_list');
  if (!Array.isArray(list)) return list;
  const deleted = [];
  for (const item of list) {
    const fileID = typeof item === 'string' ? item : '';
    deleted.push({ fileID, code: (await storage.remove(fileID)) ? 'SUCCESS' : 'STORAGE_FILE_NONEXIST' });
  }
  return { data: { delete_list: deleted }, requestId: '' };
}

export async function handleStorageAction(storage: LocalStorage, action: string, body: Answer): Promise<Answer> {
  if (action === 'storage.getUploadMetadata') return uploadMetadata(storage, body);
  if (action === 'storage.batchGetDownloadUrl') return downloadUrls(storage, body);
  if (action === 'storage.batchDeleteFile') return deletions(storage, body);
  return { code: 'INVALID_ACTION', message: `the local cloud does not provide ${action}`, requestId: '' };
}
