/** What every bench section shares: the report table, percentiles, and a local cloud driven through its gateway. */
import type { SaveProductInput } from '../../src/contracts/operator';
import { fen } from '../../src/domain/money';
import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { startLocalCloud, type LocalCloud } from '../../cloudfunctions/local';
import type { LocalCloudConfig } from '../../cloudfunctions/local/config';
import { prepayIdOf, type PaymentRequest } from '../../src/contracts/orders';

/** Every figure printed so far, by section: what `npm run bench` also writes as JSON. */
const figures: { section: string; figure: string; value: string }[] = [];
let section = '';

export function beginSection(name: string): void {
  section = name;
  console.log(`\n— ${name}`);
}

export function report(name: string, value: string): void {
  figures.push({ section, figure: name, value });
  console.log(`${name.padEnd(52)} ${value}`);
}

/** One money operation under load: the row it gets in the closing table. */
export interface LoadFigures {
  op: string;
  clients: number;
  seconds: number;
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
  doubleSpends: number;
  lostUpdates: number;
  dbCallsPerOp: number;
  rawSqlitePerSecond: number;
}

const loads: LoadFigures[] = [];

export function recordLoad(f: LoadFigures): void {
  loads.push(f);
  if (f.rawSqlitePerSecond > 0)
    report(`${f.op}: ours / raw SQLite`, `${((f.perSecond / f.rawSqlitePerSecond) * 100).toFixed(2)} %`);
}

/** A figure with the target the issue sets for it (the production-shaped sections), and whether it is met. */
export interface TargetFigure {
  section: string;
  figure: string;
  value: string;
  target: string;
  met: boolean;
}

const targets: TargetFigure[] = [];

/** Prints `figure` with its target beside it and whether it is met; the closing table lists them too. */
export function reportTarget(figure: string, value: string, target: string, met: boolean): void {
  targets.push({ section, figure, value, target, met });
  report(figure, `${value}   (target ${target}: ${met ? 'met' : 'NOT met'})`);
}

/**
 * What bounds an operation under the latency model: its `dbCalls` sequential calls of `latencyMs`
 * each are its latency floor, whatever the CPU does; and each function instance runs one call at a
 * time, so the function's quota (MAX_INSTANCES, default 8 per core) caps its rate at
 * instances × 1000 / (dbCalls × latencyMs).
 */
export function reportInstanceCeiling(dbCalls: number, latencyMs: number): void {
  const instances = Number(process.env.MAX_INSTANCES) || 8 * Math.max(2, os.availableParallelism());
  report(
    '  note: latency floor / ceiling from the quota (ms / ops/s)',
    `${dbCalls * latencyMs} / ${((instances * 1000) / (dbCalls * latencyMs)).toFixed(0)} (${dbCalls} calls × ${latencyMs} ms; ${instances} instances, one call each at a time)`,
  );
}

/** CPU spent, ms: the local cloud's main thread (gateway, database), its other threads (function instances, GC and I/O helpers), and this process (the clients). */
export interface CpuSpent {
  main: number;
  others: number;
  clients: number;
}

/** A meter started now: each call answers the CPU spent since. */
export function cpuSince(cloud: CloudProcess): () => CpuSpent {
  const before = cloud.cpuMs();
  const clients = process.cpuUsage();
  return () => {
    const after = cloud.cpuMs();
    const mine = process.cpuUsage(clients);
    return {
      main: after.main - before.main,
      others: after.others - before.others,
      clients: (mine.user + mine.system) / 1000,
    };
  };
}

/** Each process's CPU per answer, printed; the CPU of all of them (ms). */
function reportCpuSplit(spent: CpuSpent, answers: number): number {
  const each = (ms: number): string => (ms / answers).toFixed(2);
  report(
    'CPU ms per answer: cloud main / other / clients',
    `${each(spent.main)} / ${each(spent.others)} / ${each(spent.clients)}`,
  );
  return spent.main + spent.others + spent.clients;
}

/**
 * Where the CPU of `ops` operations went, and what that bounds: every process here (the clients,
 * the gateway, the database, every function instance) shares this machine's cores, so the CPU of
 * one operation caps the rate at cores × 1000 / its ms, and by Little's law `clients` always-busy
 * clients then wait at least clients × its ms / cores on average, whatever the operation's design.
 */
export function reportCpu(spent: CpuSpent, ops: number, clients: number): void {
  const perOp = reportCpuSplit(spent, ops) / ops;
  const cores = os.availableParallelism();
  report(
    '  note: CPU per op, all processes (ms) / ceiling (ops/s) / least mean latency (ms)',
    `${perOp.toFixed(1)} / ${((cores * 1000) / perOp).toFixed(0)} / ${((clients * perOp) / cores).toFixed(0)} (${cores} cores shared by ${clients} clients and the cloud)`,
  );
}

/**
 * Where a burst's CPU went, and what the cores could give it: `requests` arriving over `windowMs`
 * ask for their CPU within that window; asked for more than the cores have, the queue grows until
 * the burst ends and the last callers wait for everything before them, whatever the design.
 */
export function reportBurstCpu(spent: CpuSpent, requests: number, windowMs: number): void {
  const total = reportCpuSplit(spent, requests);
  const cores = os.availableParallelism();
  report(
    '  note: CPU the burst took / the cores have in its window (s)',
    `${(total / 1000).toFixed(1)} / ${((cores * windowMs) / 1000).toFixed(1)} (${cores} cores)`,
  );
}

/** A hot spot under a burst (issue 18): its row in the second closing table. */
export interface HotspotFigures {
  op: string;
  requests: number;
  /** What got done: shares claimed, cards sold. */
  done: string;
  /** What must be zero: shares or claimers twice, oversold. */
  wrong: string;
  /** CONFLICT ("busy, try again") answers. */
  busy: number;
  p50Ms: number;
  p99Ms: number;
}

const hotspots: HotspotFigures[] = [];

export function recordHotspot(f: HotspotFigures): void {
  hotspots.push(f);
  report(`${f.op}: busy answers / p99 ms`, `${f.busy} / ${f.p99Ms.toFixed(0)}`);
}

function printTable(head: string[], body: string[][]): void {
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((r) => r[i]!.length)));
  const line = (cells: string[]): string => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  console.log(`\n${line(head)}\n|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const r of body) console.log(line(r));
}

/** The closing tables of the load runs and the hot spots, and everything as JSON in `file`. */
export function finish(file: string): void {
  if (loads.length > 0) {
    const head = [
      'operation',
      'clients',
      's',
      'ops/s',
      'p50 ms',
      'p99 ms',
      'double/lost',
      'db calls',
      'raw/s',
      'ours/raw',
    ];
    const body = loads.map((f) => [
      f.op,
      String(f.clients),
      String(f.seconds),
      f.perSecond.toFixed(0),
      f.p50Ms.toFixed(0),
      f.p99Ms.toFixed(0),
      `${f.doubleSpends}/${f.lostUpdates}`,
      String(f.dbCallsPerOp),
      f.rawSqlitePerSecond > 0 ? f.rawSqlitePerSecond.toFixed(0) : '—',
      f.rawSqlitePerSecond > 0 ? `${((f.perSecond / f.rawSqlitePerSecond) * 100).toFixed(2)} %` : '—',
    ]);
    printTable(head, body);
  }
  if (hotspots.length > 0) {
    printTable(
      ['hot spot', 'requests', 'done', 'must be 0', 'busy', 'p50 ms', 'p99 ms'],
      hotspots.map((f) => [
        f.op,
        String(f.requests),
        f.done,
        f.wrong,
        String(f.busy),
        f.p50Ms.toFixed(0),
        f.p99Ms.toFixed(0),
      ]),
    );
  }
  if (targets.length > 0) {
    console.log('\n| section | figure | value | target | met |\n|---|---|---|---|---|');
    for (const t of targets)
      console.log(`| ${t.section} | ${t.figure} | ${t.value} | ${t.target} | ${t.met ? 'yes' : 'NO'} |`);
  }
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const machine = { cores: os.cpus().length, node: process.version, at: new Date().toISOString() };
  fs.writeFileSync(
    file,
    `${JSON.stringify({ machine, loads, targets, hotspots, figures }, null, 2)}
`,
  );
  console.log(`\nwritten to ${path.relative(process.cwd(), file)}`);
}

/**
 * The rate of `op` straight on SQLite (WAL, as the local cloud runs it), on tables `schema` makes:
 * the limit any database layer over it could reach for the same writes.
 */
export function rawSqliteRate(
  schema: string,
  prepare: (db: Database.Database) => (i: number) => void,
  n: number,
): number {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gcc-raw-'));
  const db = new Database(path.join(dir, 'raw.db'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec(schema);
  const op = prepare(db);
  const t0 = performance.now();
  for (let i = 0; i < n; i++) op(i);
  const rate = n / ((performance.now() - t0) / 1000);
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
  return rate;
}

export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** The `at` percentile of sorted milliseconds, printed whole. */
export const percentileMs = (sorted: number[], at: number): string => percentile(sorted, at).toFixed(0);

/**
 * Waits until the database counter stops moving (payment notifications settle asynchronously):
 * of a cloud in this process, or of one in its own process.
 */
export async function settled(cloud: LocalCloud | CloudProcess): Promise<void> {
  const calls = async (): Promise<number> => ('db' in cloud ? cloud.db.stats() : await cloud.stats()).calls;
  for (let last = -1, now = await calls(); now !== last; now = await calls()) {
    last = now;
    await new Promise((r) => setTimeout(r, 150));
  }
}

/** The local cloud's own count of database calls by action, as one line. */
export function callsByAction(cloud: LocalCloud): string {
  const stats = cloud.db.stats();
  return `${stats.calls} (${Object.entries(stats.byAction)
    .map(([a, c]) => `${a.replace('database.', '')} ${c}`)
    .join(', ')})`;
}

/** A function's answer through the gateway; the bench follows only the documented shapes. */
export interface Answer {
  result?: { ok: boolean; data: Record<string, unknown>; error?: { code: string } };
  /** The gateway's own refusal (a full queue, a timeout…), when the function gave no answer. */
  error?: { code: string; message?: string };
  [k: string]: unknown;
}

/** A local cloud driven through its gateway, whether it runs in this process or its own. */
export interface GatewayDriver {
  url: string;
  post(p: string, body: object, token?: string): Promise<Answer>;
  /** A session for any OPENID (test mode only). */
  session(openId: string): Promise<string>;
  /** A function's data, or throws with its answer. */
  call(fn: string, body: object, token: string): Promise<Record<string, unknown>>;
  /**
   * Buys one 蓝山咖啡 card of `amount` fen, pays it on the simulated pay sheet (opened by the
   * payment's prepay id), returns the order id; `sync` then asks the orders function, as the app does.
   */
  buy(token: string, amount: number, sync?: boolean): Promise<string>;
  /** Buys one card and waits until it is issued; returns the card id. */
  cardOf(token: string, amount: number): Promise<string>;
}

export interface BenchCloud extends GatewayDriver {
  cloud: LocalCloud;
  close(): Promise<void>;
}

let seq = 0;

/** A local cloud in test mode on a fresh data folder, without timers (a bench drives them itself). */
export async function benchCloud(overrides: Partial<LocalCloudConfig> = {}): Promise<BenchCloud> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gcc-bench-'));
  const cloud = await startLocalCloud({ port: 0, mode: 'test', dataDir, triggers: false, ...overrides });
  return {
    ...gatewayDriver(cloud.url),
    cloud,
    async close() {
      await cloud.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * The load's own HTTP client: node:http on kept-alive sockets. The clients share the machine with
 * the cloud they measure, and fetch (undici) spent about 1 ms of CPU per call here, a tenth of a
 * redemption's CPU across all processes; a phone's request costs the cloud nothing of that.
 */
const keptAlive = new http.Agent({ keepAlive: true });

export function postText(to: string, body: string, token?: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      to,
      {
        method: 'POST',
        agent: keptAlive,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** Calls through the gateway at `url`, with the purchase path the sections start from. */
export function gatewayDriver(url: string): GatewayDriver {
  const post = async (p: string, body: object, token?: string): Promise<Answer> =>
    JSON.parse((await postText(`${url}${p}`, JSON.stringify(body), token)).text) as Answer;
  const call = async (fn: string, body: object, token: string): Promise<Record<string, unknown>> => {
    const a = await post(`/api/functions/${fn}`, body, token);
    if (!a.result?.ok) throw new Error(`${fn}: ${JSON.stringify(a)}`);
    return a.result.data;
  };
  const buy = async (token: string, amount: number, sync = false): Promise<string> => {
    const created = (await call(
      'orders',
      {
        action: 'create',
        productId: 'prod-lanshan-coffee-card',
        faceId: 'face-lanshan-coffee-card-birthday',
        amount,
        quantity: 1,
        purpose: 'self',
        requestId: `bench-${process.pid}-${++seq}`,
      },
      token,
    )) as { order: { _id: string }; payment: PaymentRequest };
    // The app's H5 path: the local pay sheet opened by the payment's prepay id.
    const paid = await post(`/api/pay/local/${prepayIdOf(created.payment)}/confirm`, {}, token);
    if (paid.status !== 'SUCCESS') throw new Error(JSON.stringify(paid));
    // …and then, as the app does, asks the orders function once to check with WeChat Pay (the
    // purchase section measures that; set-up purchases leave it to the notification).
    if (sync) await call('orders', { action: 'sync', orderId: created.order._id }, token);
    return created.order._id;
  };
  return {
    url,
    post,
    session: async (openId) => (await post('/api/test/session', { openId })).token as string,
    call,
    buy,
    async cardOf(token, amount) {
      const orderId = await buy(token, amount);
      for (;;) {
        const d = (await call('orders', { action: 'detail', orderId }, token)) as { cards: { _id: string }[] };
        if (d.cards[0]) return d.cards[0]._id;
        await new Promise((r) => setTimeout(r, 20));
      }
    },
  };
}

export interface CloudProcess extends GatewayDriver {
  pid: number;
  /** Where its database lives: kept by crash(), removed by close(). */
  dataDir: string;
  /** From starting the process to its first healthy answer. */
  readyMs: number;
  /** The database calls by action since the last reset (test mode's counters). */
  stats(): Promise<{ calls: number; byAction: Record<string, number> }>;
  resetStats(): Promise<void>;
  /** Resident memory of the local cloud's process, MB. */
  rssMb(): number;
  /** CPU time the local cloud's process has used so far, ms: its main thread and all its other threads. */
  cpuMs(): { main: number; others: number };
  /** SIGKILL, as a power cut would: no shutdown, the data folder left as it is. */
  crash(): Promise<void>;
  /** A clean shutdown that keeps the data folder (to look at what the run left). */
  stop(): Promise<void>;
  close(): Promise<void>;
}

/** User + system CPU ms of one thread, from /proc (clock ticks of 10 ms); 0 for a thread that has ended. */
function threadCpuMs(pid: number, tid: string): number {
  let stat: string;
  try {
    stat = fs.readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
  } catch {
    return 0;
  }
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/**
 * The local cloud as `npm start` runs it, in its own process on a fresh data folder (test mode and
 * no timers unless `env` says otherwise), so load from the bench's clients doesn't share its event
 * loop and its memory is its own. tsx runs as a loader, so the process measured is the server
 * itself (the tsx CLI would fork a child).
 */
export async function cloudProcess(env: Record<string, string> = {}): Promise<CloudProcess> {
  const dataDir = env.DATA_DIR ?? fs.mkdtempSync(path.join(os.tmpdir(), 'gcc-bench-'));
  const port = 20000 + Math.floor(Math.random() * 20000);
  const started = Date.now();
  // BENCH_CPU_PROFILE=<dir>: the local cloud writes a V8 CPU profile per thread there (main and each
  // function's workers) when it stops, to see where a section's CPU goes.
  const profile = process.env.BENCH_CPU_PROFILE
    ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROFILE}`]
    : [];
  const child = spawn(process.execPath, [...profile, '--import', 'tsx', 'cloudfunctions/local/cli.ts', '--no-build'], {
    cwd: path.resolve(__dirname, '..', '..'),
    env: { ...process.env, PORT: String(port), LOCAL_CLOUD_MODE: 'test', TRIGGERS: 'off', ...env, DATA_DIR: dataDir },
    stdio: 'ignore',
  });
  const url = `http://127.0.0.1:${port}`;
  const stop = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
  };
  for (let up = false; !up;) {
    if (child.exitCode !== null) throw new Error(`the local cloud exited with ${child.exitCode}`);
    up = await fetch(`${url}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (!up) await new Promise((r) => setTimeout(r, 20));
  }
  const readyMs = Date.now() - started;
  const stats = async () =>
    (
      (await (await fetch(`${url}/api/test/stats`)).json()) as {
        db: { calls: number; byAction: Record<string, number> };
      }
    ).db;
  return {
    ...gatewayDriver(url),
    pid: child.pid!,
    dataDir,
    readyMs,
    stats,
    resetStats: async () => void (await fetch(`${url}/api/test/stats`, { method: 'POST', body: '{}' })),
    rssMb() {
      const status = fs.readFileSync(`/proc/${child.pid}/status`, 'utf8');
      return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
    },
    cpuMs() {
      let main = 0;
      let others = 0;
      for (const tid of fs.readdirSync(`/proc/${child.pid}/task`)) {
        const ms = threadCpuMs(child.pid!, tid);
        if (tid === String(child.pid)) main += ms;
        else others += ms;
      }
      return { main, others };
    },
    async crash() {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGKILL');
      await exited;
    },
    stop,
    async close() {
      await stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A 蓝山咖啡 card of ¥50 with limited stock, as the operator would save it (the hot-spot sections). */
export function limitedProduct(name: string, stock: number): SaveProductInput {
  return {
    brandId: 'brand-lanshan-coffee',
    name,
    kind: 'bearer',
    denominations: [fen(5_000)],
    customAmount: null,
    faces: [{ name: '限量', theme: 'thanks', colors: ['#6b3e26', '#d69e2e'], blessing: '限量发售' }],
    validity: { type: 'afterActivation', months: 36 },
    usageRules: ['全国蓝山咖啡门店可用'],
    transferLimit: 1,
    refundWindowDays: 7,
    bonus: null,
    stock,
    onSale: true,
    featured: false,
  };
}
