/**
 * One instance thread: loads the function's bundle (see bundle.ts) once, then runs the invocations
 * the runtime sends it. Several of the function's instances may share the thread (runtime.ts), each
 * running one invocation at a time, so invocations here overlap while they wait on the network.
 * Each invocation's identity is its own: the per-invocation variables (protocol.ts) that the SDK and
 * getWXContext() read from process.env are looked up in the running invocation's async context,
 * as each container of the cloud has its own environment.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { parentPort, workerData } from 'node:worker_threads';
import { INVOCATION_ENV_KEYS, type InstanceMessage, type InvokeMessage } from './protocol';

type Main = (event: unknown, context: unknown) => unknown;
type Env = Record<string, string | undefined>;

// Bundles carry inline source maps: errors in the log point at the TypeScript sources.
process.setSourceMapsEnabled(true);

const PER_INVOCATION: ReadonlySet<string | symbol> = new Set(INVOCATION_ENV_KEYS);
const invocationEnv = new AsyncLocalStorage<Env>();

/**
 * A worker's process.env is a native key-value store: every read crosses into C++, and the SDK reads
 * some twenty variables on each database call. A plain copy makes those ordinary property reads; the
 * per-invocation keys read and write the running invocation's own copy. Outside any invocation
 * (module load) they read as unset.
 */
function environment(shared: Env): Env {
  const own = (key: string | symbol): Env | undefined =>
    PER_INVOCATION.has(key) ? (invocationEnv.getStore() ?? {}) : undefined;
  const present = (): string[] => {
    const mine = invocationEnv.getStore() ?? {};
    const keys = Object.keys(shared).filter((k) => !PER_INVOCATION.has(k));
    return [...keys, ...Object.keys(mine).filter((k) => mine[k] !== undefined)];
  };
  return new Proxy(shared, {
    get: (target, key) => (own(key) ?? target)[key as string],
    has: (target, key) => (own(key) ?? target)[key as string] !== undefined,
    set: (target, key, value) => {
      (own(key) ?? target)[key as string] = String(value);
      return true;
    },
    deleteProperty: (target, key) => {
      delete (own(key) ?? target)[key as string];
      return true;
    },
    ownKeys: () => present(),
    getOwnPropertyDescriptor: (target, key) => {
      const value = (own(key) ?? target)[key as string];
      return value === undefined ? undefined : { value, writable: true, enumerable: true, configurable: true };
    },
  });
}

const shared: Env = { ...process.env };
for (const key of INVOCATION_ENV_KEYS) delete shared[key];
process.env = environment(shared) as NodeJS.ProcessEnv;

const port = parentPort;
if (!port) throw new Error('instance.ts runs only inside a worker thread');

function send(msg: InstanceMessage): void {
  port!.postMessage(msg);
}

let main: Main | undefined;
try {
  // eslint-disable-next-line @typescript-eslint/no-var-requires -- the entry path is only known at run time
  const mod = require((workerData as { entry: string }).entry) as { main?: Main };
  if (typeof mod.main !== 'function') throw new Error('the function entry exports no main()');
  main = mod.main;
  send({ type: 'ready' });
} catch (e) {
  send({ type: 'load-error', message: e instanceof Error ? `${e.message}\n${e.stack ?? ''}` : String(e) });
}

port.on('message', (msg: InvokeMessage) => {
  const env: Env = {};
  for (const key of INVOCATION_ENV_KEYS) if (msg.env[key] !== undefined) env[key] = msg.env[key];
  invocationEnv.run(env, () =>
    Promise.resolve()
      .then(() => main!(msg.event, msg.context))
      // The cloud answers callers with JSON: what doesn't survive JSON doesn't reach them here either.
      // (A function or a symbol has no JSON: null, as JSON.stringify writes them inside an array.)
      .then((value) => send({ type: 'result', id: msg.id, ok: true, json: JSON.stringify(value ?? null) ?? 'null' }))
      .catch((e: unknown) =>
        send({ type: 'result', id: msg.id, ok: false, message: e instanceof Error ? e.message : String(e) }),
      ),
  );
});
