/**
 * The local cloud: database, function runtime, timer triggers and gateway in one process, standing
 * in for WeChat Cloud Development. `startLocalCloud()` is what `npm start` and the tests run.
 */
import { createHmac, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { LocalClock } from './clock';
import { loadCollections } from './collections';
import { loadConfig, type LocalCloudConfig } from './config';
import { openDatabase, type LocalDatabase } from './db';
import { createRequestHandler } from './gateway/server';
import { AddressRate, CallerLimit } from './gateway/caller-limit';
import { SessionSigner } from './gateway/sessions';
import { discoverFunctions, type FunctionDefinition } from './runtime/discover';
import { FunctionRuntime } from './runtime/runtime';
import { TriggerScheduler } from './runtime/triggers';
import { TRIGGER_SOURCE } from './runtime/sources';
import { seedIfEmpty } from './seed-database';
import { PaySystem } from './pay/pay-system';
import { WxPayApi } from './pay/wxpay-api';
import { Outbox } from './outbox';
import { OpenData } from './openapi/open-data';
import { UpdatableMessages } from './openapi/updatable-message';
import { Faults } from './faults';
import { LocalOpenApi } from './openapi';
import { appPages } from './openapi/app-pages';
import { openApiPermissions } from './openapi/permissions';
import { Subscriptions } from './openapi/subscriptions';
import { localTemplates, templateSettings } from './openapi/templates';
import { LocalStorage } from './storage';

export interface LocalCloud {
  url: string;
  port: number;
  config: LocalCloudConfig;
  db: LocalDatabase;
  runtime: FunctionRuntime;
  scheduler: TriggerScheduler;
  clock: LocalClock;
  /** Environment that points a process's wx-server-sdk at this local cloud (tests use it). */
  sdkEnv: Record<string, string>;
  seeded: boolean;
  /** The simulated WeChat Pay. */
  pay: PaySystem;
  /** Subscribe messages the functions sent (what WeChat would have delivered). */
  outbox: Outbox;
  /** Share cards (updatableMessage.*) and the chats they went to: what the WeChat client would show. */
  updatable: UpdatableMessages;
  /** Cloud ids the local WeChat client handed out (authPrivateMessage), for cloud.getOpenData. */
  openData: OpenData;
  /** Users' acceptances of subscribe-message templates (wx.requestSubscribeMessage's record). */
  subscriptions: Subscriptions;
  /** Injected faults (test mode: a slow database, shortened function timeouts). */
  faults: Faults;
  /** Cloud storage: files under DATA_DIR/storage, `put` and `publicUrl` for the seed (storage/index.ts). */
  storage: LocalStorage;
  close(): Promise<void>;
}

/** A startup failure with a one-line message meant for the person starting the cloud. */
export class StartupError extends Error {}

function prepareDataDir(dir: string): void {
  if (dir === ':memory:') return;
  try {
    // Owner-only: the database, the pay records and the session secret live here.
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    fs.accessSync(dir, fs.constants.W_OK);
  } catch {
    throw new StartupError(`data directory ${dir} is not writable: set DATA_DIR to a writable folder`);
  }
}

/** The session secret: configured, or generated once and kept beside the database. */
function sessionSecret(config: LocalCloudConfig): string {
  if (config.sessionSecret) return config.sessionSecret;
  if (config.dataDir === ':memory:') return randomBytes(32).toString('hex');
  const file = path.join(config.dataDir, 'session-secret');
  if (!fs.existsSync(file)) fs.writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600, flag: 'wx' });
  return fs.readFileSync(file, 'utf8').trim();
}

function listen(server: http.Server, host: string, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'EADDRINUSE')
        reject(new StartupError(`port ${port} is already in use: stop the other process or set PORT`));
      else if (e.code === 'EACCES') reject(new StartupError(`port ${port} needs privileges: set PORT above 1024`));
      else reject(e);
    });
    server.listen(port, host, () => resolve((server.address() as AddressInfo).port));
  });
}

export async function startLocalCloud(overrides: Partial<LocalCloudConfig> = {}): Promise<LocalCloud> {
  const config = loadConfig(process.env, overrides);
  prepareDataDir(config.dataDir);
  const clock = new LocalClock();
  const db = openDatabase({
    file: config.dataDir === ':memory:' ? ':memory:' : path.join(config.dataDir, 'cloud.db'),
    collections: loadCollections(),
    now: () => clock.now(),
  });
  const server = http.createServer({
    // Slow clients are cut off: headers within headersTimeoutMs, the whole request within
    // requestTimeoutMs (answered 408 and closed). Node checks these only every
    // connectionsCheckingInterval (30 s by default), so check every second or sooner.
    headersTimeout: config.headersTimeoutMs,
    requestTimeout: config.requestTimeoutMs,
    connectionsCheckingInterval: Math.min(1_000, config.headersTimeoutMs),
    // An idle keep-alive connection costs a socket: Node's own 5 s is plenty for a client's next call.
    keepAliveTimeout: 5_000,
  });
  // A socket silent this long is dropped (a client that stops reading its answer, say). Longer than
  // any function may run (60 s), so a call waiting for its answer is never cut.
  server.timeout = 120_000;
  let port: number;
  try {
    port = await listen(server, config.host, config.port);
  } catch (e) {
    db.close();
    throw e;
  }
  const url = `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${port}`;

  const secretId = `local-${randomBytes(8).toString('hex')}`;
  const sdkEnv: Record<string, string> = {
    TCB_CONTEXT_CNFG: JSON.stringify({ URL: `${url}/admin` }),
    TENCENTCLOUD_SECRETID: secretId,
    TENCENTCLOUD_SECRETKEY: randomBytes(16).toString('hex'),
    // The cloud's functions run with this set; without it the SDK probes Tencent's metadata host on
    // every call (a DNS lookup with a 30 ms timeout, never cached when it fails).
    TENCENTCLOUD_RUNENV: 'SCF',
    TENCENTCLOUD_REGION: 'ap-shanghai',
    SCF_NAMESPACE: config.envId,
    TCB_ENV: config.envId,
    // Which per-invocation variables the SDK and getWXContext() read, as the cloud sets them.
    WX_CONTEXT_KEYS: 'WX_OPENID,WX_APPID,WX_UNIONID,WX_CLIENTIP',
    TCB_CONTEXT_KEYS: 'TCB_ENV,TCB_SEQID,TCB_SOURCE,TCB_SESSIONTOKEN',
  };

  const secret = sessionSecret(config);
  // What every function instance gets besides the SDK's endpoint: the settings a deployment sets
  // (template ids, the merchant number for cloudPay) and the key for card-code hashes (derived from
  // the local cloud's secret, so it survives restarts).
  const functionEnv: Record<string, string> = {
    // The subscribe-message template ids a deployment configures, before settings that may change them.
    ...templateSettings(),
    ...config.functionSettings,
    ...sdkEnv,
    // The merchant bound to the environment for cloudPay, as a deployment sets it.
    WXPAY_SUB_MCH_ID: '1900000110',
    GIFTCARD_SECRET: createHmac('sha256', secret).update('giftcard-codes').digest('hex'),
  };
  let functions: FunctionDefinition[];
  try {
    functions = discoverFunctions(config.functionsDir);
  } catch (e) {
    // A function folder a deployment would refuse (two triggers, a bad config.json): one line.
    server.close();
    db.close();
    throw new StartupError(e instanceof Error ? e.message : String(e));
  }
  // Files under the data folder; with nothing kept (`:memory:`) a temporary folder, removed on close.
  const storageRoot =
    config.dataDir === ':memory:'
      ? fs.mkdtempSync(path.join(os.tmpdir(), 'local-cloud-storage-'))
      : path.join(config.dataDir, 'storage');
  const storage = new LocalStorage({
    root: storageRoot,
    envId: config.envId,
    baseUrl: url,
    signingKey: createHmac('sha256', secret).update('storage-uploads').digest(),
    maxUploadBytes: config.storageMaxUploadBytes,
    now: () => clock.now(),
  });
  // The latency model as configured; faults are switched on only through test mode's
  // /api/test/faults (or a test holding this object).
  const faults = new Faults(config.callLatencyMs);
  const runtime = new FunctionRuntime({
    functions,
    baseEnv: functionEnv,
    maxInstances: config.maxInstances,
    threadsPerFunction: config.threadsPerFunction,
    idleMs: config.instanceIdleMs,
    maxWaiting: config.maxWaitingCalls,
    timeoutFor: (fn, ms) => faults.timeoutFor(fn, ms),
  });
  const pay = new PaySystem({
    file: config.dataDir === ':memory:' ? ':memory:' : path.join(config.dataDir, 'pay.db'),
    clock,
    appId: config.appId,
    invoke: (fn, event, invoker) => runtime.invoke(fn, event, invoker, clock.offsetMs),
  });
  const scheduler = new TriggerScheduler(
    functions,
    clock,
    (fn, event) =>
      runtime.invoke(fn, event, { openId: '', appId: config.appId, source: TRIGGER_SOURCE }, clock.offsetMs),
    (fn, trigger, e) => console.error(`[timer] ${fn}/${trigger} failed: ${e instanceof Error ? e.message : String(e)}`),
  );
  const outbox = new Outbox(() => clock.now());
  const subscriptions = new Subscriptions();
  const updatable = new UpdatableMessages(() => clock.now());
  const openData = new OpenData();
  const templates = localTemplates(functionEnv);
  const sessions = new SessionSigner(secret, config.sessionTtlSeconds);
  server.on(
    'request',
    createRequestHandler({
      db,
      runtime,
      clock,
      secretId,
      appId: config.appId,
      faults,
      mode: config.mode,
      sessions,
      scheduler,
      h5Dir: config.h5Dir,
      pay,
      outbox,
      wxPayApi: new WxPayApi(pay),
      subscriptions,
      knownTemplate: (id) => templates.has(id),
      updatable,
      openData,
      openApi: new LocalOpenApi({
        templates,
        subscriptions,
        outbox,
        pages: appPages,
        permissions: openApiPermissions(functions),
        updatable,
        openData,
      }),
      callerLimit: new CallerLimit(config.maxCallsPerCaller),
      addressRate: new AddressRate(config.anonCallsPerSecond),
      storage,
    }),
  );

  const seeded = await seedIfEmpty(db, storage);
  // In test mode triggers fire when a test asks (POST /api/test/triggers/tick) so runs are deterministic.
  if (config.triggers && config.mode !== 'test') scheduler.start();

  return {
    url,
    port,
    config,
    db,
    runtime,
    scheduler,
    clock,
    sdkEnv,
    seeded,
    pay,
    outbox,
    subscriptions,
    updatable,
    openData,
    faults,
    storage,
    async close() {
      scheduler.stop();
      pay.close();
      await runtime.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      db.close();
      if (config.dataDir === ':memory:') fs.rmSync(storageRoot, { recursive: true, force: true });
    },
  };
}
