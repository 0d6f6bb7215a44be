/**
 * The endpoint wx-server-sdk talks to (`TCB_CONTEXT_CNFG.URL`): database actions go to the local
 * database, `functions.invokeFunction` (cloud.callFunction) to the runtime, `storage.*` (uploadFile,
 * getTempFileURL, deleteFile, downloadFile) to the local storage. Only callers holding
 * this local cloud's credentials — its own function instances, or a test given them — get in.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { LocalDatabase } from '../db';
import { FunctionError, type FunctionRuntime } from '../runtime/runtime';
import type { LocalClock } from '../clock';
import type { Faults } from '../faults';
import { readBody, readJson, sendJson } from './http-util';
import { isMultipart, parseMultipart } from './multipart';
import type { Invoker } from '../runtime/runtime';
import { chainedSource } from '../runtime/sources';
import { invalidEventRefusal } from './refusals';
import type { LocalStorage } from '../storage';
import { handleStorageAction } from '../storage/admin-actions';

/**
 * A platform API the SDK reaches with a multipart body (`apiName`, `requestData`, `apiOptions`) and
 * whose answer it reads as raw bytes: WeChat Pay (`wx.wxPayApi`, JSON) and the open APIs
 * (`wx.openApi`, protobuf). `caller` is whom the calling invocation runs as, when it is one of ours.
 */
export interface WireApi {
  handle(
    apiName: string,
    requestData: Buffer,
    apiOptions: Buffer | undefined,
    caller: Invoker | undefined,
  ): Promise<Buffer>;
}

export interface AdminDeps {
  db: LocalDatabase;
  runtime: FunctionRuntime;
  clock: LocalClock;
  secretId: string;
  appId: string;
  /** The latency model and test mode's injected faults (a slow database): every delay. */
  faults: Faults;
  /** `wx.wxPayApi`: cloud.cloudPay.* */
  wxPayApi?: WireApi;
  /** `wx.openApi`: cloud.openapi.* */
  openApi?: WireApi;
  /** `storage.*`: cloud.uploadFile / getTempFileURL / deleteFile / downloadFile. */
  storage: LocalStorage;
}

const ADMIN_BODY_LIMIT = 16 * 1024 * 1024;
/** The largest `cloud.callFunction` data accepted (see invokeFunction). */
const CALL_DATA_LIMIT = 100 * 1024;

/**
 * The answer to a call from an invocation cut off at its timeout: in the cloud its container is
 * stopped and the call is never made, so nothing it asks for may happen here either.
 */
const REVOKED = {
  code: 'FUNCTIONS_TIME_LIMIT_EXCEEDED',
  message: 'the invocation making this call was stopped at its timeout',
  requestId: '',
};

function authorised(req: IncomingMessage, secretId: string): boolean {
  const auth = req.headers.authorization ?? '';
  return auth.includes(`Credential=${secretId}/`);
}

async function invokeFunction(deps: AdminDeps, body: Record<string, unknown>): Promise<Record<string, unknown>> {
  const name = typeof body.function_name === 'string' ? body.function_name : '';
  let event: unknown = {};
  if (typeof body.request_data === 'string' && body.request_data !== '') {
    // Refused before it is parsed or cloned, with the platform's own answer (docs.cloudbase.net,
    // error code EXCEED_MAX_PAYLOAD_SIZE: 100 KB for a text body, 6 MB otherwise; not confirmed
    // which applies to callFunction, so the stricter one).
    if (Buffer.byteLength(body.request_data) > CALL_DATA_LIMIT) {
      return {
        code: 'EXCEED_MAX_PAYLOAD_SIZE',
        message: `callFunction data over ${CALL_DATA_LIMIT} bytes`,
        requestId: '',
      };
    }
    event = JSON.parse(body.request_data);
  }
  // The callee runs as whoever the calling invocation runs as; its SOURCE is the caller's chain plus
  // `scf`, as WeChat reports a function → function call (`wx_client,scf`).
  const token = typeof body.tcb_sessionToken === 'string' ? body.tcb_sessionToken : '';
  const caller = deps.runtime.invokerOf(token);
  const invoker = {
    openId: caller?.openId ?? '',
    appId: caller?.appId ?? deps.appId,
    source: chainedSource(caller?.source),
  };
  try {
    const result = await deps.runtime.invoke(name, event, invoker, deps.clock.offsetMs);
    return { data: { response_data: JSON.stringify(result) }, requestId: '' };
  } catch (e) {
    // Refused as the callee would refuse bad input itself, so the caller reads the code (refusals.ts).
    if (e instanceof FunctionError && e.code === 'FUNCTION_INVALID_EVENT') {
      return { data: { response_data: JSON.stringify(invalidEventRefusal(e.message)) }, requestId: '' };
    }
    if (e instanceof FunctionError) {
      const code = e.code === 'FUNCTION_NOT_FOUND' ? 'FUNCTIONS_NOT_FOUND' : 'FUNCTIONS_EXECUTE_FAIL';
      return { code, message: e.message, requestId: '' };
    }
    throw e;
  }
}

export async function handleAdmin(deps: AdminDeps, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (!authorised(req, deps.secretId)) {
    sendJson(res, 200, { code: 'SIGN_PARAM_INVALID', message: 'credentials not accepted', requestId: '' });
    return;
  }
  if (isMultipart(req)) {
    await deps.faults.beforeAdminCall('other');
    return handleWire(deps, req, res);
  }
  const body = (await readJson(req, ADMIN_BODY_LIMIT)) as Record<string, unknown>;
  if (typeof body.tcb_sessionToken === 'string' && deps.runtime.revoked(body.tcb_sessionToken)) {
    sendJson(res, 200, REVOKED);
    return;
  }
  const action = typeof body.action === 'string' ? body.action : '';
  // Every request here is a network round trip in the cloud: the latency model (and test mode's
  // slow database) delays it before it is answered (faults.ts).
  await deps.faults.beforeAdminCall(action.startsWith('database.') ? 'database' : 'other');
  if (action.startsWith('database.')) {
    sendJson(res, 200, await deps.db.handle(body));
  } else if (action === 'functions.invokeFunction') {
    sendJson(res, 200, await invokeFunction(deps, body));
  } else if (action.startsWith('storage.')) {
    sendJson(res, 200, await handleStorageAction(deps.storage, action, body));
  } else {
    sendJson(res, 200, {
      code: 'INVALID_ACTION',
      message: `the local cloud does not provide ${action}`,
      requestId: '',
    });
  }
}

async function handleWire(deps: AdminDeps, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const parts = parseMultipart(await readBody(req, ADMIN_BODY_LIMIT), req.headers['content-type'] ?? '');
  const text = (name: string): string => parts.get(name)?.toString('utf8') ?? '';
  const action = text('action');
  const api = action === 'wx.wxPayApi' ? deps.wxPayApi : action === 'wx.openApi' ? deps.openApi : undefined;
  if (!api) {
    sendJson(res, 200, {
      code: 'INVALID_ACTION',
      message: `the local cloud does not provide ${action}`,
      requestId: '',
    });
    return;
  }
  if (deps.runtime.revoked(text('tcb_sessionToken'))) {
    sendJson(res, 200, REVOKED);
    return;
  }
  const caller = deps.runtime.invokerOf(text('tcb_sessionToken'));
  const answer = await api.handle(
    text('apiName'),
    parts.get('requestData') ?? Buffer.alloc(0),
    parts.get('apiOptions'),
    caller,
  );
  res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': answer.length });
  res.end(answer);
}
