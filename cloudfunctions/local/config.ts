/**
 * Configuration of the local cloud, from environment variables with defaults that run the
 * product on one machine. `README.md` has the table; keep the two in step.
 */
import path from 'node:path';
import os from 'node:os';

export type Mode = 'development' | 'test' | 'production';

export interface LocalCloudConfig {
  host: string;
  port: number;
  /** Folder holding the database file and the session secret. `:memory:` keeps nothing. */
  dataDir: string;
  mode: Mode;
  /** The cloud env id functions see (TCB_ENV / getWXContext().ENV). */
  envId: string;
  /** The mini-program app id functions see (getWXContext().APPID). */
  appId: string;
  functionsDir: string;
  h5Dir: string;
  /** Secret signing session tokens; generated and kept in dataDir when unset. */
  sessionSecret: string | undefined;
  sessionTtlSeconds: number;
  /** Instances of one function at once (its concurrency quota); more calls wait in its queue. */
  maxInstances: number;
  /** Worker threads hosting one function's instances. */
  threadsPerFunction: number;
  /** An instance idle this long is stopped (a warm one is reused until then). */
  instanceIdleMs: number;
  /** Function calls one gateway caller (session OPENID, or address when anonymous) may have in flight. */
  maxCallsPerCaller: number;
  /** Anonymous function calls per second one client address may make on average (0: no limit). */
  anonCallsPerSecond: number;
  /** Calls that may wait for an instance of one function; more are answered 503 at once. */
  maxWaitingCalls: number;
  /** A client must have sent a request's headers within this (slow-header clients are cut off). */
  headersTimeoutMs: number;
  /** A client must have sent a whole request, body included, within this. */
  requestTimeoutMs: number;
  /**
   * The latency model: every `/admin` request (database, open API, WeChat Pay, function → function)
   * waits this many ms ±25 % before it is answered, as a network round trip would. 0: off.
   */
  callLatencyMs: number;
  /** The largest file storage takes in one upload (cloud.uploadFile, or the seed's storage.put). */
  storageMaxUploadBytes: number;
  /** Whether timer triggers run. */
  triggers: boolean;
  /**
   * Product settings handed to every function as environment variables, as a deployment sets them
   * (e.g. REDEEM_MINT_LIMIT); tests and the bench use them to change a rule's default.
   */
  functionSettings: Record<string, string>;
}

const ROOT = path.resolve(__dirname, '..', '..');

/** The platform's limit on one uploaded file: 5 GB. */
export const STORAGE_UPLOAD_LIMIT = 5 * 1024 ** 3;

function int(name: string, value: string | undefined, fallback: number, min: number, max: number): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new Error(`${name} must be an integer between ${min} and ${max}, got "${value}"`);
  }
  return n;
}

function settings(value: string | undefined): Record<string, string> {
  if (value === undefined || value === '') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    parsed = null;
  }
  const ok =
    typeof parsed === 'object' &&
    parsed !== null &&
    !Array.isArray(parsed) &&
    Object.entries(parsed).every(([k, v]) => /^[A-Z][A-Z0-9_]*$/.test(k) && typeof v === 'string');
  if (!ok) throw new Error('FUNCTION_SETTINGS must be a JSON object of upper-case names to strings');
  return parsed as Record<string, string>;
}

function mode(value: string | undefined): Mode {
  if (value === undefined || value === '') return 'development';
  if (value === 'development' || value === 'test' || value === 'production') return value;
  throw new Error(`LOCAL_CLOUD_MODE must be development, test or production, got "${value}"`);
}

export function loadConfig(
  env: NodeJS.ProcessEnv = process.env,
  overrides: Partial<LocalCloudConfig> = {},
): LocalCloudConfig {
  const config: LocalCloudConfig = {
    host: env.HOST || '127.0.0.1',
    port: int('PORT', env.PORT, 8787, 0, 65535),
    dataDir: env.DATA_DIR || path.join(ROOT, '.data'),
    mode: mode(env.LOCAL_CLOUD_MODE),
    envId: env.CLOUD_ENV_ID || 'local-dev',
    appId: env.WECHAT_APPID || 'wx-local-app',
    functionsDir: env.FUNCTIONS_DIR || path.join(ROOT, 'cloudfunctions', 'functions'),
    h5Dir: env.H5_DIR || path.join(ROOT, 'dist', 'h5'),
    sessionSecret: env.SESSION_SECRET || undefined,
    sessionTtlSeconds: int('SESSION_TTL_SECONDS', env.SESSION_TTL_SECONDS, 7 * 24 * 3600, 60, 90 * 24 * 3600),
    // CloudBase's quota is 1000 instances per function ("最大并发实例数:单个云函数默认为 1000 实例",
    // calls beyond it wait: docs.cloudbase.net/cloud-function/how-works), each with CPU of its own.
    // Here every instance shares this machine's cores, and past about 8 per core they only slow
    // each other down: 1,500 orders in 5 s (bench limitedStock, 2 cores) with 1000 → 1,227 timed
    // out at 20 s and 18 sold; with 16 → all 1,500 answered, 500 sold.
    maxInstances: int('MAX_INSTANCES', env.MAX_INSTANCES, 8 * Math.max(2, os.availableParallelism()), 1, 10_000),
    // Threads share this machine's cores: more than the cores only add memory and contention
    // (measured by the redemption bench: 8 → 74/s in 1.5 GB, 2 → 89/s in 0.6 GB on 2 cores).
    threadsPerFunction: int(
      'THREADS_PER_FUNCTION',
      env.THREADS_PER_FUNCTION,
      Math.max(2, os.availableParallelism()),
      1,
      64,
    ),
    // The cloud keeps an idle instance for reuse and reclaims it after a while (tens of minutes,
    // docs.cloudbase.net/cloud-function/deep-principle); locally 5 minutes keeps memory down.
    instanceIdleMs: int('INSTANCE_IDLE_MS', env.INSTANCE_IDLE_MS, 5 * 60_000, 10, 24 * 3600_000),
    // Past either limit a call is answered 503 + Retry-After at once instead of waiting: a flood from
    // one client (2,000 anonymous requests) made honest callers of the same function wait 3–9 s.
    maxCallsPerCaller: int('MAX_CALLS_PER_CALLER', env.MAX_CALLS_PER_CALLER, 8, 1, 10_000),
    anonCallsPerSecond: int('ANON_CALLS_PER_SECOND', env.ANON_CALLS_PER_SECOND, 20, 0, 100_000),
    maxWaitingCalls: int('MAX_WAITING_CALLS', env.MAX_WAITING_CALLS, 256, 0, 100_000),
    // Node's defaults (5 min for a request, 1 min for headers, checked every 30 s) let 200 sockets
    // sending a byte at a time stay open for minutes; honest clients send a request in milliseconds.
    headersTimeoutMs: int('HEADERS_TIMEOUT_MS', env.HEADERS_TIMEOUT_MS, 10_000, 100, 600_000),
    requestTimeoutMs: int('REQUEST_TIMEOUT_MS', env.REQUEST_TIMEOUT_MS, 30_000, 100, 600_000),
    callLatencyMs: int('LOCAL_CLOUD_CALL_LATENCY_MS', env.LOCAL_CLOUD_CALL_LATENCY_MS, 0, 0, 10_000),
    // COS's simple upload (PUT Object, what uploadFile sends) takes at most 5 GB
    // (tencentcloud.com/document/product/436/14113); a smaller limit only for tests or a small disk.
    storageMaxUploadBytes: int(
      'STORAGE_MAX_UPLOAD_BYTES',
      env.STORAGE_MAX_UPLOAD_BYTES,
      STORAGE_UPLOAD_LIMIT,
      1,
      STORAGE_UPLOAD_LIMIT,
    ),
    triggers: env.TRIGGERS !== 'off',
    functionSettings: settings(env.FUNCTION_SETTINGS),
  };
  const merged = { ...config, ...overrides };
  // Node refuses a server whose whole-request limit is shorter than its headers limit.
  if (merged.requestTimeoutMs < merged.headersTimeoutMs)
    throw new Error('REQUEST_TIMEOUT_MS must be at least HEADERS_TIMEOUT_MS');
  return merged;
}

export const PROJECT_ROOT = ROOT;
