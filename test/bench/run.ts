/**
 * `npm run bench`: the figures the issues ask for, printed as a table. Measured, never asserted.
 *   - database call latency through the real wx-server-sdk to the local cloud (p50 / p99)
 *   - catalog calls through the gateway (requests/s, latency) with autocannon
 *   - time from starting the local cloud to serving, and its idle memory (RSS)
 *   - package sizes of the weapp, H5 and cloud builds (when built)
 */
import autocannon from 'autocannon';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startLocalCloud, type LocalCloud } from '../../cloudfunctions/local';

const ROOT = path.resolve(__dirname, '..', '..');
const rows: [string, string][] = [];
const report = (name: string, value: string): void => {
  rows.push([name, value]);
  console.log(`${name.padEnd(52)} ${value}`);
};

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function sdkLatency(): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gcc-bench-'));
  const cloud = await startLocalCloud({ port: 0, mode: 'test', dataDir });
  Object.assign(process.env, cloud.sdkEnv);
  // eslint-disable-next-line @typescript-eslint/no-var-requires -- env must be set before the SDK loads
  const sdk = require('wx-server-sdk') as typeof import('wx-server-sdk');
  sdk.init({ env: sdk.DYNAMIC_CURRENT_ENV as unknown as string });
  const db = sdk.database();
  const brands = (await db.collection('brands').limit(1).get()) as { data: { _id: string }[] };
  const id = brands.data[0]!._id;
  const measure = async (label: string, op: () => Promise<unknown>, n: number): Promise<void> => {
    for (let i = 0; i < 50; i++) await op(); // warm the connection and the statement cache
    const times: number[] = [];
    for (let i = 0; i < n; i++) {
      const t = process.hrtime.bigint();
      await op();
      times.push(Number(process.hrtime.bigint() - t) / 1e6);
    }
    times.sort((a, b) => a - b);
    report(
      `${label} p50 / p99 (ms, n=${n})`,
      `${percentile(times, 50).toFixed(2)} / ${percentile(times, 99).toFixed(2)}`,
    );
  };
  await measure(
    'db doc().get() via SDK',
    async () => {
      await db.collection('brands').doc(id).get();
    },
    2000,
  );
  await measure(
    'db where().get() via SDK',
    async () => {
      await db.collection('products').where({ brandId: id, onSale: true }).get();
    },
    1000,
  );
  await measure(
    'db doc().update() via SDK',
    async () => {
      await db
        .collection('brands')
        .doc(id)
        .update({ data: { sort: db.command.inc(0) } });
    },
    1000,
  );

  // Warm every instance the pool will use (cold starts are reported by the startup figures).
  const CONNECTIONS = 8;
  const callHome = (): Promise<string> =>
    fetch(`${cloud.url}/api/functions/catalog`, { method: 'POST', body: '{"action":"home"}' }).then((r) => r.text());
  await Promise.all(Array.from({ length: CONNECTIONS }, callHome));
  cloud.db.resetStats();
  for (let i = 0; i < 10; i++) await callHome();
  report('database calls per catalog home', `${cloud.db.stats().calls / 10}`);
  const home = await autocannon({
    url: `${cloud.url}/api/functions/catalog`,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ action: 'home' }),
    connections: CONNECTIONS,
    duration: 10,
  });
  report(`catalog home via gateway (req/s, ${CONNECTIONS} conn)`, `${home.requests.average.toFixed(0)}`);
  report('catalog home via gateway latency p50 / p99 (ms)', `${home.latency.p50} / ${home.latency.p99}`);
  if (home.non2xx > 0 || home.errors > 0) report('catalog home errors', `${home.non2xx + home.errors}`);
  await cloud.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
}

/** Waits until the database counter stops moving: the payment notification settles asynchronously. */
async function settled(cloud: LocalCloud): Promise<void> {
  let last = -1;
  while (cloud.db.stats().calls !== last) {
    last = cloud.db.stats().calls;
    await new Promise((r) => setTimeout(r, 150));
  }
}

async function paidOrders(cloud: LocalCloud): Promise<number> {
  const res = (await cloud.db.handle({
    action: 'database.calculateDocument',
    collectionName: 'orders',
    queryType: 'WHERE',
    query: JSON.stringify({ status: 'paid' }),
  })) as { data: { total: number } };
  return res.data.total;
}

/**
 * Purchases through the gateway (create → pay on the simulated WeChat Pay → notification → cards
 * issued), many buyers at once, and the database calls one single-card purchase takes.
 */
async function purchases(): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gcc-bench-'));
  const cloud = await startLocalCloud({ port: 0, mode: 'test', dataDir, triggers: false });
  // Loosely typed on purpose: the bench only follows the answers' documented shapes.
  type Json = { [k: string]: Json } & { status?: string; token?: string; result?: { ok: boolean; data: Json } };
  const post = async (p: string, body: object, token?: string): Promise<Json> => {
    const res = await fetch(`${cloud.url}${p}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    });
    return (await res.json()) as Json;
  };
  let n = 0;
  const buyOnce = async (token: string): Promise<string> => {
    const created = await post(
      '/api/functions/orders',
      {
        action: 'create',
        productId: 'prod-lanshan-coffee-card',
        faceId: 'face-lanshan-coffee-card-birthday',
        amount: 10_000,
        quantity: 1,
        purpose: 'self',
        requestId: `bench-${process.pid}-${++n}`,
      },
      token,
    );
    if (!created.result?.ok) throw new Error(JSON.stringify(created));
    const { order, payment } = created.result.data as unknown as {
      order: { _id: string };
      payment: { payToken: string };
    };
    const paid = await post(`/api/pay/local/${payment.payToken}/confirm`, {}, token);
    if (paid.status !== 'SUCCESS') throw new Error(JSON.stringify(paid));
    return order._id;
  };
  const session = async (openId: string): Promise<string> =>
    (await post('/api/test/session', { openId })).token as string;

  // Warm every instance, then count one purchase alone.
  const CLIENTS = 16;
  const tokens = await Promise.all(Array.from({ length: CLIENTS }, (_, i) => session(`bench-buyer-${i}`)));
  await Promise.all(tokens.map((t) => buyOnce(t)));
  while ((await paidOrders(cloud)) < CLIENTS) await new Promise((r) => setTimeout(r, 20));
  await settled(cloud);
  cloud.db.resetStats();
  await buyOnce(tokens[0]!);
  // The notification settles the order after the pay sheet answers: wait for its commit too.
  while ((cloud.db.stats().byAction['database.commitTransaction'] ?? 0) < 2)
    await new Promise((r) => setTimeout(r, 10));
  await settled(cloud);
  const calls = cloud.db.stats();
  report('database calls per one-card purchase (create + pay + issue)', `${calls.calls}`);
  report(
    '  of which',
    Object.entries(calls.byAction)
      .map(([a, c]) => `${a.replace('database.', '')} ${c}`)
      .join(', '),
  );

  const DURATION_MS = 10_000;
  const started = Date.now();
  const latencies: number[] = [];
  let done = 0;
  await Promise.all(
    tokens.map(async (t) => {
      while (Date.now() - started < DURATION_MS) {
        const t0 = Date.now();
        await buyOnce(t);
        latencies.push(Date.now() - t0);
        done++;
      }
    }),
  );
  await settled(cloud);
  const elapsed = (Date.now() - started) / 1000;
  const paid = await paidOrders(cloud);
  latencies.sort((a, b) => a - b);
  report(`purchases via gateway (paid/s, ${CLIENTS} buyers, create + pay + issue)`, (done / elapsed).toFixed(0));
  report(
    'purchase latency p50 / p99 (ms, create + pay)',
    `${percentile(latencies, 50)} / ${percentile(latencies, 99)}`,
  );
  report('paid orders / purchases made (must be equal)', `${paid - CLIENTS - 1} / ${done}`);
  await cloud.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
}

async function startupAndMemory(): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gcc-bench-'));
  const port = 20000 + Math.floor(Math.random() * 20000);
  const started = Date.now();
  const child = spawn(
    process.execPath,
    // tsx as a loader, so the process measured is the server itself (the tsx CLI forks a child).
    ['--import', 'tsx', 'cloudfunctions/local/cli.ts', '--no-build'],
    {
      cwd: ROOT,
      env: { ...process.env, PORT: String(port), DATA_DIR: dataDir },
      stdio: 'ignore',
    },
  );
  try {
    let up = false;
    while (!up && Date.now() - started < 60_000) {
      up = await fetch(`http://127.0.0.1:${port}/api/health`).then(
        (r) => r.ok,
        () => false,
      );
      if (!up) await new Promise((r) => setTimeout(r, 20));
    }
    report('npm start → serving, fresh data dir incl. seeding (ms)', `${Date.now() - started}`);
    await new Promise((r) => setTimeout(r, 2000));
    const rss = (): number => {
      const status = fs.readFileSync(`/proc/${child.pid}/status`, 'utf8');
      return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
    };
    report('local cloud idle RSS (MB)', rss().toFixed(0));
    for (let i = 0; i < 20; i++) {
      await fetch(`http://127.0.0.1:${port}/api/functions/catalog`, { method: 'POST', body: '{"action":"home"}' });
    }
    report('local cloud RSS after catalog calls, 1 warm instance (MB)', rss().toFixed(0));
  } finally {
    child.kill('SIGTERM');
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

function dirSize(dir: string, filter: (rel: string) => boolean = () => true): number {
  if (!fs.existsSync(dir)) return -1;
  let total = 0;
  const walk = (d: string): void => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (filter(path.relative(dir, p)) && !p.endsWith('.map')) total += fs.statSync(p).size;
    }
  };
  walk(dir);
  return total;
}

function sizes(): void {
  const kb = (n: number): string => (n < 0 ? 'not built' : `${(n / 1024).toFixed(1)} KB`);
  report(
    'weapp main package (excl. subpackages)',
    kb(dirSize(path.join(ROOT, 'dist', 'weapp'), (rel) => !rel.startsWith('sub'))),
  );
  report('weapp total', kb(dirSize(path.join(ROOT, 'dist', 'weapp'))));
  report('h5 total', kb(dirSize(path.join(ROOT, 'dist', 'h5'))));
  const fnRoot = path.join(ROOT, 'dist', 'cloudfunctions');
  if (fs.existsSync(fnRoot)) {
    for (const fn of fs.readdirSync(fnRoot)) report(`cloud function ${fn} bundle`, kb(dirSize(path.join(fnRoot, fn))));
  }
}

async function main(): Promise<void> {
  console.log(`bench on ${os.cpus().length} cores, node ${process.version}\n`);
  await sdkLatency();
  await purchases();
  await startupAndMemory();
  sizes();
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
