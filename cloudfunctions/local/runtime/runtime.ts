/**
 * The function runtime, scaled as the cloud scales a function: an instance runs one invocation at a
 * time; a call that finds no idle instance gets a new one, up to `maxInstances` per function (the
 * cloud's per-function concurrency quota, 1000 there; config.ts says why less here); past that, calls wait in a queue of at
 * most `maxWaiting` (beyond it a call is refused at once with FUNCTION_BUSY: a flood must not make
 * everyone wait). Idle instances are kept warm for reuse and stopped after `idleMs`.
 *
 * Instances are hosted on a few worker threads per function (`threadsPerFunction`, the cores):
 * a thread per instance would make hundreds of JavaScript engines compete for two cores. Each
 * instance keeps its own identity (instance.ts gives every invocation its own process.env values, as
 * each container has its own); what instances on one thread share is the module's memory (a cache
 * at module scope is warmer here than in the cloud, where each instance has its own). A thread's
 * first instance pays the cold start (the thread and the bundle load).
 *
 * The function's timeout (config.json) counts from when an instance has the event. An invocation
 * that times out is cut off as the cloud stops its container: its session is revoked, so the
 * platform refuses every further call it makes (`revoked`), its caller gets FUNCTION_TIMEOUT, and its
 * thread takes no new work and is stopped once its other invocations end. A crashed thread fails
 * only the invocations it was running. An event that can't be handed over fails its own invocation
 * only.
 */
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { randomHex } from '../random-hex';
import { bundled } from './bundle';
import type { FunctionDefinition } from './discover';
import type { InstanceMessage, InvocationEnv, InvokeMessage } from './protocol';
import { MAX_EVENT_DEPTH, withinDepth } from './event-limits';
import { PAY_CALLBACK_SOURCE, TRIGGER_SOURCE, triggerSrcFor } from './sources';

export type FunctionErrorCode =
  | 'FUNCTION_NOT_FOUND'
  | 'FUNCTION_TIMEOUT'
  | 'FUNCTION_FAILED'
  | 'FUNCTION_LOAD_FAILED'
  /** The event nests deeper than MAX_EVENT_DEPTH: refused before any instance sees it. */
  | 'FUNCTION_INVALID_EVENT'
  /** The function's waiting queue is full: refused at once, the caller may retry later. */
  | 'FUNCTION_BUSY';

/**
 * Invocations the platform itself makes (timer triggers, WeChat Pay's callback): never refused for
 * a full queue, since a refused tick or notification would only come back later, and there are few.
 */
const INTERNAL_SOURCES: ReadonlySet<string> = new Set([TRIGGER_SOURCE, PAY_CALLBACK_SOURCE]);

export class FunctionError extends Error {
  constructor(
    readonly code: FunctionErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'FunctionError';
  }
}

/** Who an invocation runs as: what getWXContext() will report. */
export interface Invoker {
  openId: string;
  appId: string;
  /** wx_client, wx_trigger, wx_paycallback, a chain such as `wx_client,scf` … (see sources.ts) */
  source: string;
  clientIp?: string;
  /** The function this invocation runs (set on its session, for the platform APIs it calls). */
  functionName?: string;
}

export interface RuntimeOptions {
  functions: FunctionDefinition[];
  /** Environment every instance starts with (SDK endpoint, credentials, env id). */
  baseEnv: Record<string, string>;
  /** Instances of one function at once: its concurrency quota. */
  maxInstances: number;
  /** Worker threads hosting one function's instances (the cores by default). */
  threadsPerFunction?: number;
  /** Calls that may wait for an instance of one function; more are refused with FUNCTION_BUSY. */
  maxWaiting?: number;
  /** Instances idle longer than this are stopped, as the cloud recycles them. */
  idleMs?: number;
  /** The timeout to enforce for a function, given its config.json's (test mode can shorten it). */
  timeoutFor?: (fn: string, configuredMs: number) => number;
}

interface Pending {
  resolve: (json: string) => void;
  reject: (e: Error) => void;
}

/** A worker thread running the function's bundle, hosting some of its instances. */
interface Host {
  worker: Worker;
  ready: Promise<void>;
  /** Instances on this thread, idle or busy. */
  instances: number;
  /** Invocations running on it, by message id. */
  running: Map<number, Pending>;
  /** Set once it takes no new work (an invocation on it timed out, or it crashed or was reaped). */
  retired?: boolean;
}

interface Instance {
  host: Host;
  lastUsed: number;
}

interface Pool {
  def: FunctionDefinition;
  hosts: Host[];
  idle: Instance[];
  /** Instances in all, idle or busy. */
  size: number;
  waiting: ((inst: Instance | Error) => void)[];
}

const INSTANCE_LOOP = path.join(__dirname, 'instance.ts');

export class FunctionRuntime {
  private readonly pools = new Map<string, Pool>();
  private readonly sessions = new Map<string, Invoker>();
  /** Sessions of invocations cut off at their timeout (bounded: the oldest are forgotten). */
  private readonly revokedSessions = new Set<string>();
  private readonly threads: number;
  private nextId = 1;
  private closed = false;
  private readonly reaper: NodeJS.Timeout;
  private invocations = 0;

  constructor(private readonly opts: RuntimeOptions) {
    for (const def of opts.functions) this.pools.set(def.name, { def, hosts: [], idle: [], size: 0, waiting: [] });
    this.threads = Math.max(1, opts.threadsPerFunction ?? 2);
    const idleMs = opts.idleMs ?? 5 * 60_000;
    this.reaper = setInterval(() => this.reapIdle(idleMs), Math.max(10, Math.min(idleMs, 30_000)));
    this.reaper.unref();
  }

  get functionNames(): string[] {
    return [...this.pools.keys()];
  }

  definition(name: string): FunctionDefinition | undefined {
    return this.pools.get(name)?.def;
  }

  /** The invoker behind a running invocation's session token (for cloud.callFunction chains). */
  invokerOf(sessionToken: string): Invoker | undefined {
    return this.sessions.get(sessionToken);
  }

  /** Whether the token is that of an invocation cut off at its timeout: the platform refuses its calls. */
  revoked(sessionToken: string): boolean {
    return this.revokedSessions.has(sessionToken);
  }

  stats(): { invocations: number; instances: Record<string, number>; threads: Record<string, number> } {
    const instances: Record<string, number> = {};
    const threads: Record<string, number> = {};
    for (const [name, pool] of this.pools) {
      instances[name] = pool.size;
      threads[name] = pool.hosts.length;
    }
    return { invocations: this.invocations, instances, threads };
  }

  /** Runs `name` with `event` as `invoker`; resolves with what the function returned (after JSON). */
  async invoke(name: string, event: unknown, invoker: Invoker, clockOffsetMs = 0): Promise<unknown> {
    return JSON.parse(await this.invokeJson(name, event, invoker, clockOffsetMs)) as unknown;
  }

  /** As invoke, with the answer as the JSON text the function's instance sent (for the gateway to pass on). */
  async invokeJson(name: string, event: unknown, invoker: Invoker, clockOffsetMs = 0): Promise<string> {
    const pool = this.pools.get(name);
    if (!pool || this.closed) throw new FunctionError('FUNCTION_NOT_FOUND', `function not found: ${name}`);
    // Checked before the event is cloned: the clone recurses, and overflows on a deep enough event.
    if (!withinDepth(event, MAX_EVENT_DEPTH))
      throw new FunctionError('FUNCTION_INVALID_EVENT', `the event nests deeper than ${MAX_EVENT_DEPTH} levels`);
    this.invocations++;
    const inst = await this.acquire(pool, !INTERNAL_SOURCES.has(invoker.source));
    const token = randomHex();
    const requestId = randomHex(24);
    this.sessions.set(token, { ...invoker, functionName: name });
    const env: InvocationEnv = {
      WX_OPENID: invoker.openId,
      WX_APPID: invoker.appId,
      WX_CLIENTIP: invoker.clientIp,
      TCB_SOURCE: invoker.source,
      TCB_SEQID: requestId,
      TCB_SESSIONTOKEN: token,
      TRIGGER_SRC: triggerSrcFor(invoker.source),
      LOCAL_CLOCK_OFFSET_MS: clockOffsetMs === 0 ? undefined : String(clockOffsetMs),
    };
    const configuredMs = Math.round(pool.def.config.timeout * 1000);
    const timeoutMs = this.opts.timeoutFor?.(name, configuredMs) ?? configuredMs;
    const context = {
      function_name: name,
      request_id: requestId,
      namespace: this.opts.baseEnv.SCF_NAMESPACE,
      time_limit_in_ms: timeoutMs,
      memory_limit_in_mb: 256,
      environment: JSON.stringify({ ...env, TCB_ENV: this.opts.baseEnv.TCB_ENV }),
    };
    const host = inst.host;
    let timedOut = false;
    try {
      const json = await new Promise<string>((resolve, reject) => {
        const id = this.nextId++;
        try {
          host.worker.postMessage({ type: 'invoke', id, event, env, context } satisfies InvokeMessage);
        } catch (e) {
          // The event never reached the instance (it can't be cloned): this invocation fails, and the
          // instance, which never saw it, is released below for the next caller.
          const why = e instanceof Error ? e.message : String(e);
          reject(new FunctionError('FUNCTION_FAILED', `the event could not be handed to the function: ${why}`));
          return;
        }
        // Armed only now that the instance has the event, so no path leaves it armed without an
        // invocation to time out. The answer (or the thread's crash) arrives as a later event.
        const timer = setTimeout(() => {
          timedOut = true;
          host.running.delete(id);
          reject(new FunctionError('FUNCTION_TIMEOUT', `Invoking task timed out after ${timeoutMs / 1000} seconds`));
        }, timeoutMs);
        host.running.set(id, {
          resolve: (v) => {
            clearTimeout(timer);
            resolve(v);
          },
          reject: (e) => {
            clearTimeout(timer);
            reject(e);
          },
        });
      });
      return json;
    } finally {
      this.sessions.delete(token);
      if (timedOut) this.cutOff(pool, inst, token);
      else this.release(pool, inst);
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.reaper);
    const all: Promise<number>[] = [];
    for (const pool of this.pools.values()) {
      for (const w of pool.waiting) w(new FunctionError('FUNCTION_NOT_FOUND', 'runtime closed'));
      pool.waiting = [];
      pool.idle = [];
      // Busy instances too: an invocation still running is cut off, as when the cloud stops.
      for (const host of pool.hosts) {
        host.retired = true;
        const running = [...host.running.values()];
        host.running.clear();
        for (const p of running) p.reject(new FunctionError('FUNCTION_FAILED', 'runtime closed'));
        all.push(host.worker.terminate());
      }
      pool.hosts = [];
    }
    await Promise.all(all);
  }

  private async acquire(pool: Pool, bounded: boolean): Promise<Instance> {
    const idle = pool.idle.pop();
    if (idle) return idle;
    if (pool.size < this.opts.maxInstances) return this.create(pool);
    if (bounded && pool.waiting.length >= (this.opts.maxWaiting ?? Infinity))
      throw new FunctionError('FUNCTION_BUSY', `${pool.def.name} has ${pool.waiting.length} calls waiting`);
    const got = await new Promise<Instance | Error>((resolve) => pool.waiting.push(resolve));
    if (got instanceof Error) throw got;
    return got;
  }

  /** A new instance, on a new thread while the function has fewer than its share, else the least used. */
  private async create(pool: Pool): Promise<Instance> {
    pool.size++;
    const live = pool.hosts.filter((h) => !h.retired);
    let host: Host;
    if (live.length < this.threads) host = this.spawn(pool);
    else host = live.reduce((a, b) => (b.instances < a.instances ? b : a));
    host.instances++;
    try {
      await host.ready;
    } catch (e) {
      pool.size--;
      host.instances--;
      this.stopIfDone(pool, host);
      throw e;
    }
    return { host, lastUsed: Date.now() };
  }

  private release(pool: Pool, inst: Instance): void {
    if (inst.host.retired) {
      this.drop(pool, inst);
      return;
    }
    inst.lastUsed = Date.now();
    const next = pool.waiting.shift();
    if (next) next(inst);
    else pool.idle.push(inst);
  }

  /** Stops an instance for good; a caller waiting for one gets a new instance in its place. */
  private drop(pool: Pool, inst: Instance): void {
    pool.size--;
    inst.host.instances--;
    this.stopIfDone(pool, inst.host);
    const next = pool.size < this.opts.maxInstances ? pool.waiting.shift() : undefined;
    if (next) this.create(pool).then(next, next);
  }

  /**
   * The invocation ran past its timeout: as the cloud stops the container, nothing it does from now
   * on reaches the platform, and its thread takes no new work.
   */
  private cutOff(pool: Pool, inst: Instance, token: string): void {
    this.revokedSessions.add(token);
    if (this.revokedSessions.size > 10_000) this.revokedSessions.delete(this.revokedSessions.values().next().value!);
    this.retire(pool, inst.host);
    this.drop(pool, inst);
  }

  /** The thread takes no new invocations; its idle instances stop now, its busy ones when they end. */
  private retire(pool: Pool, host: Host): void {
    if (host.retired) return;
    host.retired = true;
    const [gone, keep] = [pool.idle.filter((i) => i.host === host), pool.idle.filter((i) => i.host !== host)];
    pool.idle = keep;
    for (const inst of gone) this.drop(pool, inst);
    this.stopIfDone(pool, host);
  }

  private stopIfDone(pool: Pool, host: Host): void {
    if (!host.retired || host.instances > 0) return;
    pool.hosts = pool.hosts.filter((h) => h !== host);
    void host.worker.terminate();
  }

  private spawn(pool: Pool): Host {
    const worker = new Worker(bundled(INSTANCE_LOOP), {
      workerData: { entry: bundled(pool.def.entry) },
      // Plain JavaScript runs here: not the parent's flags (`--import tsx` would register the
      // TypeScript loader, and its hooks thread, in every instance).
      execArgv: [],
      // A busy thread otherwise grows its young generation to tens of MB; 8 MB holds the garbage of
      // its invocations (the redemption bench: peak memory 602 → 429 MB, no loss of speed).
      resourceLimits: { maxYoungGenerationSizeMb: 8 },
      env: { ...process.env, ...this.opts.baseEnv },
    });
    const host: Host = { worker, instances: 0, running: new Map(), ready: Promise.resolve() };
    pool.hosts.push(host);
    const fail = (message: string): void => {
      const running = [...host.running.values()];
      host.running.clear();
      this.retire(pool, host);
      for (const p of running) p.reject(new FunctionError('FUNCTION_FAILED', message));
    };
    host.ready = new Promise<void>((resolve, reject) => {
      worker.on('message', (msg: InstanceMessage) => {
        if (msg.type === 'ready') resolve();
        else if (msg.type === 'load-error') {
          reject(new FunctionError('FUNCTION_LOAD_FAILED', `${pool.def.name} failed to load: ${msg.message}`));
          this.retire(pool, host);
        } else if (msg.type === 'result') {
          const p = host.running.get(msg.id);
          if (!p) return; // cut off at its timeout: the caller has had its answer
          host.running.delete(msg.id);
          if (msg.ok) p.resolve(msg.json);
          else p.reject(new FunctionError('FUNCTION_FAILED', msg.message));
        }
      });
      worker.on('error', (e) => {
        reject(new FunctionError('FUNCTION_LOAD_FAILED', e.message));
        fail(e.message);
      });
      worker.on('exit', () => fail('the function instance exited'));
    });
    // Nobody may be awaiting it yet (a load failure seen by no caller is not an unhandled rejection).
    host.ready.catch(() => undefined);
    return host;
  }

  private reapIdle(idleMs: number): void {
    const cutoff = Date.now() - idleMs;
    for (const pool of this.pools.values()) {
      const [old, keep] = [pool.idle.filter((i) => i.lastUsed < cutoff), pool.idle.filter((i) => i.lastUsed >= cutoff)];
      pool.idle = keep;
      for (const inst of old) {
        // A thread whose last instance goes stops with it.
        if (inst.host.instances === 1) inst.host.retired = true;
        this.drop(pool, inst);
      }
    }
  }
}
