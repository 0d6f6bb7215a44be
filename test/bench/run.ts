/**
 * `npm run bench`: the figures the issues ask for, printed section by section, then a closing table
 * of the load runs, all written to test-results/bench.json. Measured, never asserted.
 *   - database call latency and CPU through the real wx-server-sdk, and the SDK's own floor
 *   - purchases, claims and redemptions with 64 clients for 30 s each through the gateway (load.ts,
 *     redeem.ts): rate, p50 / p99, double spends and lost updates, database calls per operation,
 *     the raw SQLite rate of the same writes and our share of it
 *   - the hot spots of issue 18 with WeChat-like call latency (hotspots.ts): a 100-share group gift
 *     opened by 200 claimers in 1 s, and stock 500 bought by 1,500 buyers in 5 s
 *   - the return sweep; time from starting the local cloud to serving, and its memory
 *   - package sizes of the weapp (main and each subpackage), H5 and cloud builds (when built), H5
 *     first-load JS and the time to the first card list in headless Chromium
 */
import autocannon from 'autocannon';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { startLocalCloud, type LocalCloud } from '../../cloudfunctions/local';
import { callCounts } from './calls';
import { hotGroupGift, limitedStock } from './hotspots';
import { claimLoad, purchaseLoad } from './load';
import { attackers, catalogHome } from './prod';
import { redemptions } from './redeem';
import { splitRedemptions } from './split';
import { beginSection, benchCloud, callsByAction, cloudProcess, finish, percentile, report, settled } from './support';
import { bytesUnder, packageSizes, WEAPP_DIR } from '../../scripts/weapp-quality';
import { CHROMIUM, launchBrowser, phoneContext } from '../e2e/support/browser';
import { firstLoad } from '../e2e/support/first-load';

const ROOT = path.resolve(__dirname, '..', '..');

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
  // Latency, and the CPU of one call in this process: the SDK's side, the HTTP of both ends and
  // whatever answers (the local cloud runs in this process here).
  const measure = async (label: string, op: () => Promise<unknown>, n: number): Promise<void> => {
    for (let i = 0; i < 50; i++) await op(); // warm the connection and the statement cache
    const times: number[] = [];
    const cpu = process.cpuUsage();
    for (let i = 0; i < n; i++) {
      const t = process.hrtime.bigint();
      await op();
      times.push(Number(process.hrtime.bigint() - t) / 1e6);
    }
    const used = process.cpuUsage(cpu);
    times.sort((a, b) => a - b);
    report(
      `${label} p50 / p99 / CPU (ms, n=${n})`,
      `${percentile(times, 50).toFixed(2)} / ${percentile(times, 99).toFixed(2)} / ${((used.user + used.system) / 1000 / n).toFixed(2)}`,
    );
  };
  await measure(
    'db doc().get() via SDK',
    async () => {
      await db.collection('brands').doc(id).get();
    },
    2000,
  );
  // The floor under every database call: the same call answered at once with a canned reply by a
  // bare HTTP server, so what remains is the SDK and Node's HTTP alone.
  const canned = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => res.end(JSON.stringify({ data: { list: [JSON.stringify({ _id: id })] }, requestId: '' })));
  });
  await new Promise<void>((ok) => canned.listen(0, '127.0.0.1', ok));
  const endpoint = process.env.TCB_CONTEXT_CNFG;
  process.env.TCB_CONTEXT_CNFG = JSON.stringify({
    URL: `http://127.0.0.1:${(canned.address() as AddressInfo).port}/admin`,
  });
  await measure(
    'SDK floor: doc().get() answered by a canned reply',
    async () => {
      await db.collection('brands').doc(id).get();
    },
    2000,
  );
  process.env.TCB_CONTEXT_CNFG = endpoint;
  canned.close();
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
  // One signed-in browser's 8 connections: anonymous calls are held to a person's pace per address.
  const session = (await (
    await fetch(`${cloud.url}/api/test/session`, { method: 'POST', body: '{"openId":"bench-home"}' })
  ).json()) as { token: string };
  const headers = { 'content-type': 'application/json', authorization: `Bearer ${session.token}` };
  const callHome = (): Promise<string> =>
    fetch(`${cloud.url}/api/functions/catalog`, { method: 'POST', headers, body: '{"action":"home"}' }).then((r) =>
      r.text(),
    );
  await Promise.all(Array.from({ length: CONNECTIONS }, callHome));
  cloud.db.resetStats();
  for (let i = 0; i < 10; i++) await callHome();
  report('database calls per catalog home', `${cloud.db.stats().calls / 10}`);
  const home = await autocannon({
    url: `${cloud.url}/api/functions/catalog`,
    method: 'POST',
    headers,
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

/** Gifting: the database calls of one claim of a single gift, and the return sweep over 10,000 expired gifts. */
async function gifting(): Promise<void> {
  const bench = await benchCloud();
  const { cloud, session, call } = bench;
  const cardOf = (token: string): Promise<string> => bench.cardOf(token, 50_000);
  let n = 0;
  const send = async (token: string, cardId: string, over: object): Promise<string> =>
    (
      (await call(
        'gifts',
        { action: 'send', cardId, blessing: '', senderName: '压测', requestId: `bench-send-${++n}`, ...over },
        token,
      )) as { token: string }
    ).token;

  // One claim of each kind, alone, counted by the local cloud.
  const sender = await session('bench-sender');
  const claimer = await session('bench-claimer');
  const counted = async (label: string, giftToken: string): Promise<void> => {
    await settled(cloud);
    cloud.db.resetStats();
    await call('gifts', { action: 'claim', token: giftToken, name: '测' }, claimer);
    await settled(cloud);
    report(label, callsByAction(cloud));
  };
  await counted('database calls per claim, single gift', await send(sender, await cardOf(sender), { mode: 'single' }));

  await sweepBench(cloud);
  await bench.close();
}

/** The return sweep: 10,000 expired whole-card gifts written straight into the database. */
async function sweepBench(cloud: LocalCloud): Promise<void> {
  const GIFTS = 10_000;
  const now = cloud.clock.now();
  const owner = 'bench-returner';
  for (let from = 0; from < GIFTS; from += 1_000) {
    const ids = Array.from({ length: 1_000 }, (_, i) => `bench-r-${from + i}`);
    const cards = ids.map((id) => ({
      _id: `${id}-card`,
      owner,
      brandId: 'brand-lanshan-coffee',
      brandName: '蓝山咖啡',
      productId: 'prod-lanshan-coffee-card',
      productName: '蓝山咖啡心意卡',
      kind: 'bearer',
      face: { id: 'f', name: 'f', image: '' },
      blessing: '',
      state: 'gifting',
      balance: 100,
      initialValue: 100,
      paidValue: 100,
      bonusValue: 0,
      codeHash: `hash-${id}`,
      last4: '2345',
      origin: 'purchase',
      redeemed: 0,
      transfers: 0,
      transferLimit: 1,
      giftId: `${id}`,
      activatedAt: now,
      expiresAt: null,
      refundableUntil: null,
      updatedAt: now,
    }));
    const entries = cards.map((c) => ({
      _id: `${c._id}-activate`,
      cardId: c._id,
      owner,
      brandId: c.brandId,
      type: 'ACTIVATE',
      amount: 100,
      balanceAfter: 100,
      at: now,
    }));
    const gifts = ids.map((id) => ({
      _id: id,
      sender: owner,
      senderName: '压测',
      mode: 'single',
      shareMode: 'equal',
      cardId: `${id}-card`,
      sourceCardId: `${id}-card`,
      whole: true,
      brandId: 'brand-lanshan-coffee',
      brandName: '蓝山咖啡',
      productName: '蓝山咖啡心意卡',
      face: { id: 'f', name: 'f', image: '' },
      blessing: '',
      amount: 100,
      shares: [{ amount: 100 }],
      claimers: [],
      terms: { productId: 'prod-lanshan-coffee-card', kind: 'bearer', expiresAt: null, transferLimit: 1 },
      claimedCount: 0,
      claimedAmount: 0,
      transfersAfter: 1,
      state: 'open',
      createdAt: now,
      expiresAt: now + 1_000,
      updatedAt: now,
    }));
    for (const [collectionName, data] of [
      ['cards', cards],
      ['ledger', entries],
      ['gifts', gifts],
    ] as const)
      await cloud.db.handle({ action: 'database.insertDocument', collectionName, data });
  }
  cloud.clock.advance(2_000);
  await settled(cloud);
  cloud.db.resetStats();
  const t0 = Date.now();
  const sweep = (await cloud.runtime.invoke(
    'gifts',
    { Type: 'Timer', TriggerName: 'giftReturner', Time: '', Message: '' },
    { openId: '', appId: 'bench', source: 'wx_trigger' },
    cloud.clock.offsetMs,
  )) as { ok: boolean; data: { returned: number; batches: number } };
  const sweepMs = Date.now() - t0;
  const calls = cloud.db.stats().calls;
  const left = (await cloud.db.handle({
    action: 'database.calculateDocument',
    collectionName: 'cards',
    queryType: 'WHERE',
    query: JSON.stringify({ owner, state: 'gifting' }),
  })) as { data: { total: number } };
  report(
    `return sweep: gifts returned/s (${GIFTS} expired gifts)`,
    ((sweep.data.returned / sweepMs) * 1000).toFixed(0),
  );
  report('return sweep: returned / still locked / db calls', `${sweep.data.returned} / ${left.data.total} / ${calls}`);
}

async function startupAndMemory(): Promise<void> {
  const cloud = await cloudProcess({ LOCAL_CLOUD_MODE: 'development', TRIGGERS: 'on' });
  try {
    report('npm start → serving, fresh data dir incl. seeding (ms)', `${cloud.readyMs}`);
    await new Promise((r) => setTimeout(r, 2000));
    report('local cloud idle RSS (MB)', cloud.rssMb().toFixed(0));
    for (let i = 0; i < 20; i++) {
      await fetch(`${cloud.url}/api/functions/catalog`, { method: 'POST', body: '{"action":"home"}' });
    }
    report('local cloud RSS after catalog calls, 1 warm instance (MB)', cloud.rssMb().toFixed(0));
  } finally {
    await cloud.close();
  }
}

/** Bytes under `dir` without source maps, or -1 when it isn't built. */
function dirSize(dir: string): number {
  return fs.existsSync(dir) ? bytesUnder(dir) : -1;
}

/** H5 first-load JavaScript (gzip) and the time to the first card list, in headless Chromium. */
async function firstVisit(): Promise<void> {
  const h5Dir = path.join(ROOT, 'dist', 'h5');
  if (!fs.existsSync(path.join(h5Dir, 'index.html'))) return report('h5 first load', 'not built');
  if (!fs.existsSync(CHROMIUM)) return report('h5 first load', `no Chromium at ${CHROMIUM}`);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gcc-bench-'));
  const cloud = await startLocalCloud({ port: 0, mode: 'test', dataDir, h5Dir });
  const browser = await launchBrowser();
  try {
    const times: number[] = [];
    let gzip = 0;
    // Each visit in a fresh context: nothing cached, as for a first visitor.
    for (let i = 0; i < 5; i++) {
      const context = await phoneContext(browser);
      const load = await firstLoad(await context.newPage(), cloud.url);
      times.push(load.ms);
      gzip = load.gzipBytes;
      await context.close();
    }
    times.sort((a, b) => a - b);
    report('h5 first-load JS (gzip, budget 150 KB)', `${(gzip / 1024).toFixed(1)} KB`);
    report('h5 time to the first card list, median of 5 (ms)', percentile(times, 50).toFixed(0));
  } finally {
    await browser.close();
    await cloud.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

function sizes(): void {
  const kb = (n: number): string => (n < 0 ? 'not built' : `${(n / 1024).toFixed(1)} KB`);
  if (fs.existsSync(path.join(WEAPP_DIR, 'app.json'))) {
    const { main, subpackages } = packageSizes();
    report('weapp main package (budget 1 MB, WeChat limit 2 MB)', kb(main));
    for (const [root, bytes] of Object.entries(subpackages))
      report(`weapp subpackage ${root} (budget 1 MB, limit 2 MB)`, kb(bytes));
  } else report('weapp', 'not built');
  report('weapp total', kb(dirSize(WEAPP_DIR)));
  report('h5 total', kb(dirSize(path.join(ROOT, 'dist', 'h5'))));
  const fnRoot = path.join(ROOT, 'dist', 'cloudfunctions');
  if (fs.existsSync(fnRoot)) {
    for (const fn of fs.readdirSync(fnRoot)) report(`cloud function ${fn} bundle`, kb(dirSize(path.join(fnRoot, fn))));
  }
}

/** Every section; `BENCH=gifting,sizes npm run bench` runs only the named ones. */
const SECTIONS: Record<string, () => void | Promise<void>> = {
  sdk: sdkLatency,
  purchases: purchaseLoad,
  claims: claimLoad,
  gifting,
  hotGift: hotGroupGift,
  limitedStock,
  redemptions,
  startup: startupAndMemory,
  sizes,
  firstVisit,
  // Issue 18, production-shaped: the local cloud with LOCAL_CLOUD_CALL_LATENCY_MS=8, targets printed.
  prodRedemption: () => redemptions({ op: 'prodRedemption', latencyMs: 8, p99TargetMs: 300, roundCodes: 512 }),
  prodPurchase: () => purchaseLoad({ op: 'prodPurchase', latencyMs: 8, p99TargetMs: 1_000 }),
  prodSplitPay: splitRedemptions,
  catalogHome,
  attackers,
  calls: callCounts,
};

async function main(): Promise<void> {
  console.log(`bench on ${os.cpus().length} cores, node ${process.version}\n`);
  const only = process.env.BENCH?.split(',').filter(Boolean);
  for (const [name, run] of Object.entries(SECTIONS)) {
    if (only && !only.includes(name)) continue;
    beginSection(name);
    await run();
  }
  finish(path.join(ROOT, 'test-results', 'bench.json'));
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
