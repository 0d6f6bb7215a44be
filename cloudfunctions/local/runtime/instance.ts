/**
 * One function instance: loads the function's bundle (see bundle.ts) once, then handles one
 * invocation at a time.
 * Each invocation's identity is written into this thread's own process.env (worker threads get a
 * private copy), which is where wx-server-sdk's getWXContext() reads it, as in the cloud.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { INVOCATION_ENV_KEYS, type InstanceMessage, type InvokeMessage } from './protocol';

type Main = (event: unknown, context: unknown) => unknown;

// Bundles carry inline source maps: errors in the log point at the TypeScript sources.
process.setSourceMapsEnabled(true);

// A worker's process.env is a native key-value store: every read crosses into C++, and the SDK reads
// some twenty variables on each database call. A plain copy makes those ordinary property reads;
// invocations still write their identity into it below, where getWXContext() finds it.
process.env = { ...process.env };

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
  for (const key of INVOCATION_ENV_KEYS) {
    const v = msg.env[key];
    if (v === undefined) delete process.env[key];
    else process.env[key] = v;
  }
  Promise.resolve()
    .then(() => main!(msg.event, msg.context))
    // The cloud answers callers with JSON: what doesn't survive JSON doesn't reach them here either.
    .then((value) => send({ type: 'result', id: msg.id, ok: true, json: JSON.stringify(value ?? null) }))
    .catch((e: unknown) =>
      send({ type: 'result', id: msg.id, ok: false, message: e instanceof Error ? e.message : String(e) }),
    );
});
