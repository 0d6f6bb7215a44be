/**
 * The function runtime: a pool of instances (worker threads) per function, like the cloud's
 * instances. An instance runs one invocation at a time; extra calls wait for a free instance up to
 * `maxInstances` per function, in a queue of at most `maxWaiting` (a call beyond it is refused at
 * once with FUNCTION_BUSY rather than queued: a flood must not make everyone wait). The function's
 * timeout (config.json) counts from when an instance has the event; an instance that times out or
 * crashes is discarded, never reused. An event that can't be handed over fails its own invocation
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
  maxInstances: number;
  /** Calls that may wait for an instance of one function; more are refused with FUNCTION_BUSY. */
  maxWaiting?: number;
  /** Instances idle longer than this are stopped, as the cloud recycles them. */
  idleMs?: number;
  /** The timeout to enforce for a function, given its config.json's (test mode can shorten it). */
  timeoutFor?: (fn: string, configuredMs: number) => number;
}

interface Instance {
  worker: Worker;
  ready: Promise<void>;
  lastUsed: number;
  /** Set once discarded (timed out or crashed): never handed out again. */
  dead?: boolean;
  pending?: { id: number; resolve: (json: string) => void; reject: (e: Error) => void };
}

interface Pool {
  def: FunctionDefinition;
  idle: Instance[];
  size: number;
  waiting: ((inst: Instance | Error) => void)[];
}

const INSTANCE_LOOP = path.join(__dirname, 'instance.ts');

export class FunctionRuntime {
  private readonly pools = new Map<string, Pool>();
  /** Every live instance, idle or busy, so closing stops them all. */
  private readonly live = new Set<Instance>();
  private readonly sessions = new Map<string, Invoker>();
  private nextId = 1;
  private closed = false;
  private readonly reaper: NodeJS.Timeout;
  private invocations = 0;

  constructor(private readonly opts: RuntimeOptions) {
    for (const def of opts.functions) this.pools.set(def.name, { def, idle: [], size: 0, waiting: [] });
    const idleMs = opts.idleMs ?? 5 * 60_000;
    this.reaper = setInterval(() => this.reapIdle(idleMs), Math.min(idleMs, 30_000));
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

  stats(): { invocations: number; instances: Record<string, number> } {
    const instances: Record<string, number> = {};
    for (const [name, pool] of this.pools) instances[name] = pool.size;
    return { invocations: this.invocations, instances };
  }

  /** Runs `name` with `event` as `invoker`; resolves with what the function returned (after JSON). */
  async invoke(name: string, event: unknown, invoker: Invoker, clockOffsetMs = 0): Promise<unknown> {
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
    try {
      const json = await new Promise<string>((resolve, reject) => {
        const id = this.nextId++;
        try {
          inst.worker.postMessage({ type: 'invoke', id, event, env, context } satisfies InvokeMessage);
        } catch (e) {
          // The event never reached the instance (it can't be cloned): this invocation fails, and the
          // instance, which never saw it, is released below for the next caller — not killed.
          const why = e instanceof Error ? e.message : String(e);
          reject(new FunctionError('FUNCTION_FAILED', `the event could not be handed to the function: ${why}`));
          return;
        }
        // Armed only now that the instance has the event, so no path leaves it armed without an
        // invocation to time out (a stray timer would kill whichever call the instance runs next).
        // The answer (or the worker's error) arrives as a later event, after these lines.
        const timer = setTimeout(() => {
          inst.pending = undefined;
          this.discard(pool, inst);
          reject(new FunctionError('FUNCTION_TIMEOUT', `Invoking task timed out after ${timeoutMs / 1000} seconds`));
        }, timeoutMs);
        inst.pending = {
          id,
          resolve: (v) => {
            clearTimeout(timer);
            resolve(v);
          },
          reject: (e) => {
            clearTimeout(timer);
            reject(e);
          },
        };
      });
      this.release(pool, inst);
      return JSON.parse(json) as unknown;
    } catch (e) {
      // A function that threw leaves a healthy instance; a timed-out or crashed one was discarded.
      if (!inst.dead) this.release(pool, inst);
      throw e;
    } finally {
      this.sessions.delete(token);
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
    }
    // Busy instances too: an invocation still running is cut off, as when the cloud stops.
    for (const inst of this.live) {
      inst.dead = true;
      const p = inst.pending;
      inst.pending = undefined;
      p?.reject(new FunctionError('FUNCTION_FAILED', 'runtime closed'));
      all.push(inst.worker.terminate());
    }
    this.live.clear();
    await Promise.all(all);
  }

  private async acquire(pool: Pool, bounded: boolean): Promise<Instance> {
    const idle = pool.idle.pop();
    if (idle) return idle;
    if (pool.size < this.opts.maxInstances) {
      pool.size++;
      const inst = this.spawn(pool);
      try {
        await inst.ready;
      } catch (e) {
        pool.size--;
        throw e;
      }
      return inst;
    }
    if (bounded && pool.waiting.length >= (this.opts.maxWaiting ?? Infinity))
      throw new FunctionError('FUNCTION_BUSY', `${pool.def.name} has ${pool.waiting.length} calls waiting`);
    const got = await new Promise<Instance | Error>((resolve) => pool.waiting.push(resolve));
    if (got instanceof Error) throw got;
    return got;
  }

  private release(pool: Pool, inst: Instance): void {
    inst.lastUsed = Date.now();
    const next = pool.waiting.shift();
    if (next) next(inst);
    else pool.idle.push(inst);
  }

  private discard(pool: Pool, inst: Instance): void {
    if (inst.dead) return;
    inst.dead = true;
    pool.size--;
    pool.idle = pool.idle.filter((i) => i !== inst);
    void inst.worker.terminate();
    // A caller waiting for an instance gets a fresh one.
    const next = pool.waiting.shift();
    if (next) {
      pool.size++;
      const fresh = this.spawn(pool);
      fresh.ready.then(
        () => next(fresh),
        (e: Error) => {
          pool.size--;
          next(e);
        },
      );
    }
  }

  private spawn(pool: Pool): Instance {
    const worker = new Worker(bundled(INSTANCE_LOOP), {
      workerData: { entry: bundled(pool.def.entry) },
      // Plain JavaScript runs here: not the parent's flags (`--import tsx` would register the
      // TypeScript loader, and its hooks thread, in every instance).
      execArgv: [],
      // A busy instance otherwise grows its young generation to tens of MB; 8 MB holds any one
      // invocation's garbage (the redemption bench: peak memory 602 → 429 MB, no loss of speed).
      resourceLimits: { maxYoungGenerationSizeMb: 8 },
      env: { ...process.env, ...this.opts.baseEnv },
    });
    const inst: Instance = { worker, lastUsed: Date.now(), ready: Promise.resolve() };
    this.live.add(inst);
    worker.once('exit', () => this.live.delete(inst));
    inst.ready = new Promise<void>((resolve, reject) => {
      worker.on('message', (msg: InstanceMessage) => {
        if (msg.type === 'ready') resolve();
        else if (msg.type === 'load-error') {
          reject(new FunctionError('FUNCTION_LOAD_FAILED', `${pool.def.name} failed to load: ${msg.message}`));
          void worker.terminate();
        } else if (msg.type === 'result' && inst.pending?.id === msg.id) {
          const p = inst.pending;
          inst.pending = undefined;
          if (msg.ok) p.resolve(msg.json);
          else p.reject(new FunctionError('FUNCTION_FAILED', msg.message));
        }
      });
      worker.on('error', (e) => {
        reject(new FunctionError('FUNCTION_LOAD_FAILED', e.message));
        if (inst.pending) {
          const p = inst.pending;
          inst.pending = undefined;
          this.discard(pool, inst);
          p.reject(new FunctionError('FUNCTION_FAILED', e.message));
        }
      });
    });
    return inst;
  }

  private reapIdle(idleMs: number): void {
    const cutoff = Date.now() - idleMs;
    for (const pool of this.pools.values()) {
      const [old, keep] = [pool.idle.filter((i) => i.lastUsed < cutoff), pool.idle.filter((i) => i.lastUsed >= cutoff)];
      pool.idle = keep;
      pool.size -= old.length;
      for (const inst of old) void inst.worker.terminate();
    }
  }
}
