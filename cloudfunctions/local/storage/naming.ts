/**
 * Names in the local cloud's storage, as WeChat Cloud forms them: the bucket of an env, the fileID
 * of a cloud path and the rules a cloud path must follow.
 *
 * WeChat's own examples (reference-http-api/storage/batchDownloadFile, a devtools community thread
 * quoting `cloud://test-wro3n.7465-test-wro3n-1300077222/gameRes/…`): a fileID is
 * `cloud://<env>.<bucket>/<path>`, the bucket `<hex of the env's first two characters>-<env>-<app
 * number>` ("te" → 7465), and a public file is served at `https://<bucket>.tcb.qcloud.la/<path>`.
 */

/** The Tencent Cloud app number in the bucket's name; a fixed one is enough locally. */
const LOCAL_APP_NUMBER = '1250000000';

export function bucketOf(envId: string): string {
  return `${Buffer.from(envId.slice(0, 2), 'utf8').toString('hex')}-${envId}-${LOCAL_APP_NUMBER}`;
}

export function fileIdOf(envId: string, cloudPath: string): string {
  return `cloud://${envId}.${bucketOf(envId)}/${cloudPath}`;
}

/** The cloud path a fileID of `envId` names, or undefined for another env's or a malformed fileID. */
export function cloudPathOf(envId: string, fileID: string): string | undefined {
  const prefix = `cloud://${envId}.${bucketOf(envId)}/`;
  return fileID.startsWith(prefix) && fileID.length > prefix.length ? fileID.slice(prefix.length) : undefined;
}

/** WeChat's limit on a cloud path, in UTF-8 bytes (guide/storage/naming: "编码长度最大为850个字节"). */
export const MAX_PATH_BYTES = 850;
/** The longest folder or file name this machine's file system keeps (NAME_MAX). */
const MAX_SEGMENT_BYTES = 255;

/**
 * Why a cloud path is refused, or undefined when it is accepted. WeChat's rules
 * (developers.weixin.qq.com/minigame/dev/wxcloud/guide/storage/naming): not empty, not starting with
 * `/`, no `//`, at most 850 bytes, none of the control characters CAN, EM, SUB, ESC (24–27). COS
 * also refuses a leading `\` (tencentcloud.com/document/product/436/13324). The local cloud adds
 * what a path on disk and in a URL needs: no `.` or `..` folder (a browser drops them from a URL
 * before asking, so such a file could never be loaded, and here they would climb out of the
 * bucket), no NUL, no name over 255 bytes, no trailing `/` (a folder, not a file).
 */
export function cloudPathProblem(cloudPath: string): string | undefined {
  if (cloudPath === '') return 'the cloud path is empty';
  if (cloudPath.startsWith('/') || cloudPath.startsWith('\\')) return 'the cloud path starts with / or \\';
  if (Buffer.byteLength(cloudPath, 'utf8') > MAX_PATH_BYTES) return `the cloud path is over ${MAX_PATH_BYTES} bytes`;
  // eslint-disable-next-line no-control-regex -- these control characters are exactly what is refused
  if (/[\x00\x18-\x1b]/.test(cloudPath)) return 'the cloud path holds a NUL, CAN, EM, SUB or ESC character';
  if (cloudPath.includes('//')) return 'the cloud path holds //';
  const segments = cloudPath.split('/');
  if (segments.some((s) => s === '.' || s === '..')) return 'the cloud path holds a . or .. folder';
  if (segments[segments.length - 1] === '') return 'the cloud path ends with / (a folder, not a file)';
  if (segments.some((s) => Buffer.byteLength(s, 'utf8') > MAX_SEGMENT_BYTES))
    return `a folder or file name in the cloud path is over ${MAX_SEGMENT_BYTES} bytes`;
  return undefined;
}
