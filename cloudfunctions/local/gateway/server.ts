/**
 * The gateway: one HTTP server for the H5 app and the devtools without a cloud env.
 *   POST /api/functions/:name   call a function as the session's user → { result }; 503 + Retry-After
 *                               past the caller's calls in flight or a full queue of the function
 *   POST /api/dev/login         a session for a demo user (not in production mode)
 *   GET  /api/dev/users         the demo users (not in production mode)
 *   GET  /api/health            liveness only (what runs here is nobody's business)
 *   /api/test/*                 clock, forced conflicts, faults, trigger ticks, counters (test mode only)
 *   /api/pay/local/*            the simulated WeChat Pay's pay sheet (pay-api.ts)
 *   GET  /api/dev/outbox        the session user's messages, for the dev panel
 *   POST /api/dev/subscribe     the session user's answer to the subscribe-message dialog (subscribe-api.ts)
 *   POST /api/dev/chat/*        a simulated WeChat client's chat cards: sent into a chat, verified (chat-api.ts)
 *   POST /admin                 the SDK's endpoint (admin-api.ts)
 *   /storage/<bucket>/<path>    stored files: GET / HEAD public-read, PUT the SDK's signed upload (storage/http.ts)
 *   GET  /*                     the H5 build
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { handleAdmin, type AdminDeps } from './admin-api';
import type { FaultSettings } from '../faults';
import { DEMO_USERS, findDemoUser } from './demo-users';
import { HttpError, readJson, readObject, sendError, sendJson, sendJsonText } from './http-util';
import type { SessionSigner } from './sessions';
import { serveStatic } from './static-files';
import { handlePayTest, handlePaySheet } from './pay-api';
import { recordAnswer } from './subscribe-api';
import { handleChat, type ChatDeps } from './chat-api';
import type { Subscriptions } from '../openapi/subscriptions';
import type { PaySystem } from '../pay/pay-system';
import type { Outbox } from '../outbox';
import { FunctionError } from '../runtime/runtime';
import type { TriggerScheduler } from '../runtime/triggers';
import type { Mode } from '../config';
import { CLIENT_SOURCE } from '../runtime/sources';
import { invalidEventRefusal } from './refusals';
import { callerKey, type AddressRate, type CallerLimit } from './caller-limit';
import { STORAGE_PATH_PREFIX } from '../storage';
import { handleStorageHttp } from '../storage/http';

/**
 * Source reported to functions called through the gateway: it stands in for the WeChat client
 * (`wx.cloud.callFunction`), so functions see what they will see in production.
 */
export const GATEWAY_SOURCE = CLIENT_SOURCE;

const FUNCTION_BODY_LIMIT = 64 * 1024;

export interface GatewayDeps extends AdminDeps, ChatDeps {
  mode: Mode;
  sessions: SessionSigner;
  scheduler: TriggerScheduler;
  h5Dir: string;
  pay: PaySystem;
  outbox: Outbox;
  /** Users' answers to the subscribe-message dialog, and which template ids exist. */
  subscriptions: Subscriptions;
  knownTemplate: (id: string) => boolean;
  /** Function calls in flight per caller (MAX_CALLS_PER_CALLER). */
  callerLimit: CallerLimit;
  /** Anonymous calls per second per address (ANON_CALLS_PER_SECOND). */
  addressRate: AddressRate;
}

const FUNCTION_ERROR_STATUS: Record<FunctionError['code'], number> = {
  FUNCTION_NOT_FOUND: 404,
  FUNCTION_TIMEOUT: 504,
  FUNCTION_FAILED: 502,
  FUNCTION_LOAD_FAILED: 502,
  FUNCTION_BUSY: 503,
  // Not reached: answered as the function's own INVALID_ARGUMENT refusal (refusals.ts).
  FUNCTION_INVALID_EVENT: 400,
};

function bearer(req: IncomingMessage): string | undefined {
  const h = req.headers.authorization;
  return h && h.startsWith('Bearer ') ? h.slice(7).trim() : undefined;
}

/** The session's OPENID: '' without a token, null for a bad or expired one. */
function sessionUser(deps: GatewayDeps, req: IncomingMessage): string | null {
  const token = bearer(req);
  if (token === undefined) return '';
  const claims = deps.sessions.verify(token, deps.clock.now());
  return claims ? claims.sub : null;
}

/** Seconds a refused caller is told to wait (Retry-After): calls last a few hundred ms at most. */
const RETRY_AFTER_SECONDS = 1;

function sendBusy(res: ServerResponse, code: string, message: string): void {
  res.setHeader('retry-after', String(RETRY_AFTER_SECONDS));
  sendError(res, 503, code, message);
}

/**
 * How long an anonymous address past its rate waits for its 503. A client that honours Retry-After
 * never meets it; a flood that doesn't would otherwise turn each refusal straight into its next
 * request, a thousand a second, and the refusals alone would take the machine's time. Held, each of
 * its connections asks about twice a second: the wait costs a timer, not work.
 */
const OVER_RATE_HOLD_MS = 500;

async function callFunction(deps: GatewayDeps, name: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const openId = sessionUser(deps, req);
  if (openId === null) return sendError(res, 401, 'UNAUTHENTICATED', 'session invalid or expired');
  // Counted from before the body is read: a caller dribbling bodies holds its slots meanwhile.
  const caller = callerKey(openId, req.socket.remoteAddress);
  if (!openId && !deps.addressRate.tryTake(caller)) {
    await new Promise((resolve) => setTimeout(resolve, OVER_RATE_HOLD_MS));
    if (!res.destroyed) sendBusy(res, 'TOO_MANY_CALLS', 'too many calls from this address');
    return;
  }
  if (!deps.callerLimit.tryAcquire(caller)) {
    return sendBusy(res, 'TOO_MANY_CALLS', 'too many calls in flight from this caller');
  }
  try {
    await admitted(deps, name, openId, req, res);
  } finally {
    deps.callerLimit.release(caller);
  }
}

async function admitted(
  deps: GatewayDeps,
  name: string,
  openId: string,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const body = await readJson(req, FUNCTION_BODY_LIMIT);
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return sendError(res, 400, 'INVALID_JSON', 'the body must be a JSON object');
  }
  try {
    const result = await deps.runtime.invokeJson(
      name,
      body,
      { openId, appId: deps.appId, source: GATEWAY_SOURCE, clientIp: req.socket.remoteAddress },
      deps.clock.offsetMs,
    );
    // The instance's JSON text as it came: not parsed and written again on this, the only, thread.
    sendJsonText(res, 200, `{"result":${result}}`);
  } catch (e) {
    if (e instanceof FunctionError && e.code === 'FUNCTION_INVALID_EVENT') {
      return sendJson(res, 200, { result: invalidEventRefusal(e.message) });
    }
    if (e instanceof FunctionError && e.code === 'FUNCTION_BUSY') return sendBusy(res, e.code, e.message);
    if (e instanceof FunctionError) return sendError(res, FUNCTION_ERROR_STATUS[e.code], e.code, e.message);
    throw e;
  }
}

/** Whether `openId` has a staff record (a clerk or an operator of some brand). */
async function isStaff(deps: GatewayDeps, openId: string): Promise<boolean> {
  const answer = await deps.db.handle({
    action: 'database.getDocument',
    collectionName: 'staff',
    queryType: 'DOC',
    query: JSON.stringify({ _id: openId }),
  });
  const list = (answer.data as { list?: unknown[] } | undefined)?.list;
  return Array.isArray(list) && list.length > 0;
}

async function devRoute(deps: GatewayDeps, path: string, req: IncomingMessage, res: ServerResponse): Promise<boolean> {
  if (deps.mode === 'production') return false;
  if (path === '/api/dev/users' && req.method === 'GET') {
    sendJson(res, 200, { users: DEMO_USERS });
    return true;
  }
  if (path === '/api/dev/login' && req.method === 'POST') {
    const body = await readObject(req, 4096);
    const user = typeof body.user === 'string' ? findDemoUser(body.user) : undefined;
    if (!user) {
      sendError(res, 400, 'UNKNOWN_USER', `demo users: ${DEMO_USERS.map((u) => u.user).join(', ')}`);
      return true;
    }
    const { token, expiresAt } = deps.sessions.issue(user.openId, deps.clock.now());
    // Whether the user is staff, carried in the session: the app asks for a staff profile only then,
    // not on every wallet open only to be refused.
    sendJson(res, 200, { token, expiresAt, user: { ...user, staff: await isStaff(deps, user.openId) } });
    return true;
  }
  const chat = /^\/api\/dev\/chat\/(share|auth)$/.exec(path);
  if (chat && req.method === 'POST') {
    const openId = sessionUser(deps, req);
    if (!openId) sendError(res, 401, 'UNAUTHENTICATED', 'sign in to WeChat first');
    else handleChat(deps, chat[1] as 'share' | 'auth', openId, await readObject(req, 4096), res);
    return true;
  }
  return false;
}

async function testRoute(deps: GatewayDeps, path: string, req: IncomingMessage, res: ServerResponse): Promise<boolean> {
  if (deps.mode !== 'test' || !path.startsWith('/api/test/')) return false;
  const body = req.method === 'POST' ? await readObject(req, 4096) : {};
  if (path === '/api/test/clock') {
    if (req.method === 'POST') deps.clock.advance(Number(body.advanceMs));
    sendJson(res, 200, { now: deps.clock.now(), offsetMs: deps.clock.offsetMs });
  } else if (path === '/api/test/conflicts' && req.method === 'POST') {
    const collection = typeof body.collection === 'string' ? body.collection : undefined;
    deps.db.forceConflicts(Number(body.count), collection);
    sendJson(res, 200, { ok: true });
  } else if (path === '/api/test/faults') {
    if (req.method === 'POST') {
      try {
        deps.faults.set(body as Partial<FaultSettings>);
      } catch (e) {
        sendError(res, 400, 'INVALID_ARGUMENT', e instanceof Error ? e.message : 'bad faults');
        return true;
      }
    }
    sendJson(res, 200, deps.faults.current);
  } else if (path === '/api/test/triggers/tick' && req.method === 'POST') {
    deps.scheduler.tick();
    sendJson(res, 200, { fired: deps.scheduler.firedCount, triggers: deps.scheduler.list() });
  } else if (path === '/api/test/session' && req.method === 'POST') {
    // Any identity, for load tests with many buyers: test mode only, like every /api/test route.
    const openId = typeof body.openId === 'string' && /^[A-Za-z0-9_-]{1,64}$/.test(body.openId) ? body.openId : '';
    if (openId) sendJson(res, 200, deps.sessions.issue(openId, deps.clock.now()));
    else sendError(res, 400, 'INVALID_ARGUMENT', 'openId required');
  } else if (path.startsWith('/api/test/pay/')) {
    await handlePayTest(deps.pay, path, body, res);
  } else if (path === '/api/test/subscribe' && req.method === 'POST') {
    const openId = typeof body.openId === 'string' ? body.openId : '';
    if (!openId) sendError(res, 400, 'INVALID_ARGUMENT', 'openId required');
    else recordAnswer(deps.subscriptions, deps.knownTemplate, openId, body, res);
  } else if (path === '/api/test/outbox') {
    sendJson(res, 200, { messages: deps.outbox.list(undefined, 1_000) });
  } else if (path === '/api/test/stats') {
    if (req.method === 'POST') deps.db.resetStats();
    sendJson(res, 200, { db: deps.db.stats(), runtime: deps.runtime.stats() });
  } else {
    sendError(res, 404, 'NOT_FOUND', path);
  }
  return true;
}

export function createRequestHandler(deps: GatewayDeps) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const path = new URL(req.url ?? '/', 'http://local').pathname;
    try {
      if (path === '/admin' && req.method === 'POST') return await handleAdmin(deps, req, res);
      // Matched on the raw request line: storage reads its paths unnormalised (storage/http.ts).
      if (req.url?.startsWith(STORAGE_PATH_PREFIX)) return await handleStorageHttp(deps.storage, req, res);
      const fn = /^\/api\/functions\/([A-Za-z0-9_-]{1,64})$/.exec(path);
      if (fn && req.method === 'POST') return await callFunction(deps, fn[1]!, req, res);
      const sheet = /^\/api\/pay\/local\/(wx[0-9a-f]{34})(\/confirm)?$/.exec(path);
      if (sheet && (req.method === 'GET' || (req.method === 'POST' && sheet[2]))) {
        const openId = sessionUser(deps, req);
        if (!openId) return sendError(res, 401, 'UNAUTHENTICATED', 'sign in to pay');
        return await handlePaySheet(deps.pay, openId, sheet[1]!, req.method === 'POST', res);
      }
      if (path === '/api/dev/subscribe' && req.method === 'POST') {
        const openId = sessionUser(deps, req);
        if (!openId) return sendError(res, 401, 'UNAUTHENTICATED', 'sign in to subscribe');
        const body = (await readJson(req, 4096)) as Record<string, unknown>;
        return recordAnswer(deps.subscriptions, deps.knownTemplate, openId, body, res);
      }
      if (path === '/api/dev/outbox' && req.method === 'GET') {
        const openId = sessionUser(deps, req);
        if (!openId) return sendError(res, 401, 'UNAUTHENTICATED', 'sign in to see your messages');
        return sendJson(res, 200, { messages: deps.outbox.list(openId) });
      }
      if (path === '/api/health') {
        return sendJson(res, 200, { ok: true });
      }
      if (await devRoute(deps, path, req, res)) return;
      if (await testRoute(deps, path, req, res)) return;
      if (path.startsWith('/api/') || path === '/admin')
        return sendError(res, 404, 'NOT_FOUND', `no route ${req.method} ${path}`);
      if (req.method !== 'GET' && req.method !== 'HEAD')
        return sendError(res, 405, 'METHOD_NOT_ALLOWED', req.method ?? '');
      serveStatic(deps.h5Dir, req, res);
    } catch (e) {
      if (e instanceof HttpError) return sendError(res, e.status, e.code, e.message);
      console.error('[gateway]', e);
      if (!res.headersSent) sendError(res, 500, 'INTERNAL', 'internal error');
    }
  };
}
