/**
 * The hot spots of issue 18, measured against a local cloud in its own process with a per-call
 * database latency like WeChat Cloud's (LOCAL_CLOUD_CALL_LATENCY_MS=8, ±25 % jitter; it takes effect
 * once the local cloud has that setting):
 *   - hot group gift: a 100-share group gift opened by 200 claimers within 1 s (a few of them twice);
 *   - limited stock: stock 500, 1,500 buyers within 5 s.
 * Each gets a row in the closing table and in test-results/bench.json. Measured, never asserted.
 */
import {
  cloudProcess,
  cpuSince,
  limitedProduct,
  percentile,
  recordHotspot,
  report,
  reportBurstCpu,
  type CloudProcess,
} from './support';

const LATENCY = { LOCAL_CLOUD_CALL_LATENCY_MS: '8' };

interface Timed {
  ok: boolean;
  code: string;
  ms: number;
  data: Record<string, unknown>;
}

/** `n` calls spread evenly over `windowMs`, each timed from its own start. */
async function spread(n: number, windowMs: number, call: (i: number) => Promise<Timed['data'] | string>) {
  return Promise.all(
    Array.from({ length: n }, async (_, i): Promise<Timed> => {
      await new Promise((r) => setTimeout(r, (i * windowMs) / n));
      const t0 = performance.now();
      const out = await call(i);
      const ms = performance.now() - t0;
      return typeof out === 'string' ? { ok: false, code: out, ms, data: {} } : { ok: true, code: 'OK', ms, data: out };
    }),
  );
}

async function answer(cloud: CloudProcess, fn: string, body: object, token: string): Promise<Timed['data'] | string> {
  const a = await cloud.post(`/api/functions/${fn}`, body, token);
  if (a.result?.ok) return a.result.data;
  // The function's refusal, or the gateway's own answer (a timeout, a full queue…).
  return a.result?.error?.code ?? a.error?.code ?? 'ERROR';
}

/**
 * Every instance the burst will use started before it, as the other load sections do: the gifts and
 * orders functions of a product in use are serving already, and on this machine sixteen cold starts
 * at once would take their CPU from the two cores the burst runs on (in WeChat Cloud, new instances
 * come on machines of their own). A cold start's own cost is the startup section's figure.
 */
async function warmInstances(cloud: CloudProcess, fn: string, body: object, tokens: readonly string[]): Promise<void> {
  await Promise.all(tokens.slice(0, 32).map((t) => cloud.call(fn, body, t)));
}

const busy = (rs: Timed[]): number => rs.filter((r) => r.code === 'CONFLICT').length;
const p99 = (rs: Timed[]): number =>
  percentile(
    rs.map((r) => r.ms).sort((a, b) => a - b),
    99,
  );

export async function hotGroupGift(): Promise<void> {
  const cloud = await cloudProcess(LATENCY);
  try {
    const sender = await cloud.session('bench-hot-sender');
    const cardId = await cloud.cardOf(sender, 100_000);
    const sent = (await cloud.call(
      'gifts',
      {
        action: 'send',
        cardId,
        mode: 'group',
        amount: 50_000,
        shares: 100,
        shareMode: 'random',
        blessing: '',
        senderName: '压测',
        requestId: 'bench-hot-gift',
      },
      sender,
    )) as { token: string };
    const CLAIMERS = 200;
    const tokens = await Promise.all(Array.from({ length: CLAIMERS }, (_, i) => cloud.session(`bench-hot-${i}`)));
    // Every tenth claimer taps twice: one share each all the same.
    const who = [...tokens.keys(), ...Array.from({ length: CLAIMERS / 10 }, (_, i) => i * 10)];
    await warmInstances(cloud, 'gifts', { action: 'sent' }, tokens);
    await cloud.resetStats();
    const spent = cpuSince(cloud);
    const results = await spread(who.length, 1_000, (i) =>
      answer(cloud, 'gifts', { action: 'claim', token: sent.token, name: '群友' }, tokens[who[i]!]!),
    );
    reportBurstCpu(spent(), results.length, 1_000);
    const calls = (await cloud.stats()).calls;
    const won = results.filter((r) => r.ok);
    const cards = new Set(won.map((r) => r.data.cardId as string));
    const perClaimer = new Map<number, number>();
    results.forEach((r, i) => r.ok && perClaimer.set(who[i]!, (perClaimer.get(who[i]!) ?? 0) + 1));
    const twice = [...perClaimer.values()].filter((n) => n > 1).length;
    const view = (await cloud.call('gifts', { action: 'sent' }, sender)) as {
      gifts: { claimedCount: number; sharesTotal: number }[];
    };
    const codes = new Map<string, number>();
    for (const r of results) codes.set(r.code, (codes.get(r.code) ?? 0) + 1);
    report('hot group gift: answers', JSON.stringify(Object.fromEntries(codes)));
    report('hot group gift: database calls per claim', (calls / results.length).toFixed(1));
    recordHotspot({
      op: 'hot group gift (100 shares, 200 claimers in 1 s)',
      requests: results.length,
      done: `${cards.size}/${view.gifts[0]?.sharesTotal ?? 100} shares claimed (${won.length} wins, ${view.gifts[0]?.claimedCount ?? 0} counted)`,
      wrong: `${twice} claimers twice, ${won.length - cards.size} shares twice`,
      busy: busy(results),
      p50Ms: percentile(
        results.map((r) => r.ms).sort((a, b) => a - b),
        50,
      ),
      p99Ms: p99(results),
    });
  } finally {
    await cloud.close();
  }
}

export async function limitedStock(): Promise<void> {
  // WeChat Cloud runs calls beyond a function's instances later rather than refusing them; the
  // local queue's bound (256) guards a machine whose instances share two cores against a flood,
  // and this burst is bigger than two cores serve as it comes: it waits here, as it would there.
  const cloud = await cloudProcess({ ...LATENCY, MAX_WAITING_CALLS: '2000' });
  try {
    const dave = await cloud.session('o-demo-dave');
    const STOCK = 500;
    const { product } = (await cloud.call(
      'merchant',
      {
        action: 'saveProduct',
        ...limitedProduct('限量压测卡', STOCK),
      },
      dave,
    )) as { product: { _id: string; faces: { id: string }[] } };
    const BUYERS = 1_500;
    // Signed in 100 at a time (untimed): 1,500 connections at once overflow the listen backlog.
    const tokens: string[] = [];
    for (let i = 0; i < BUYERS; i += 100)
      tokens.push(...(await Promise.all(Array.from({ length: 100 }, (_, j) => cloud.session(`bench-stock-${i + j}`)))));
    await warmInstances(cloud, 'orders', { action: 'list' }, tokens);
    await cloud.resetStats();
    const spent = cpuSince(cloud);
    const results = await spread(BUYERS, 5_000, (i) =>
      answer(
        cloud,
        'orders',
        {
          action: 'create',
          productId: product._id,
          faceId: product.faces[0]!.id,
          amount: 5_000,
          quantity: 1,
          purpose: 'self',
          requestId: `bench-stock-${i}`,
        },
        tokens[i]!,
      ),
    );
    reportBurstCpu(spent(), results.length, 5_000);
    const calls = (await cloud.stats()).calls;
    const sold = results.filter((r) => r.ok).length;
    const page = (await cloud.call('catalog', { action: 'brand', brandId: 'brand-lanshan-coffee' }, dave)) as {
      products: { _id: string; stock: number | null }[];
    };
    const left = page.products.find((p) => p._id === product._id)?.stock ?? null;
    const codes = new Map<string, number>();
    for (const r of results) codes.set(r.code, (codes.get(r.code) ?? 0) + 1);
    report('limited stock: answers', JSON.stringify(Object.fromEntries(codes)));
    report('limited stock: database calls per order', (calls / results.length).toFixed(1));
    recordHotspot({
      op: `limited stock (${STOCK}, ${BUYERS} buyers in 5 s)`,
      requests: results.length,
      done: `${sold} sold, ${left} left`,
      wrong: `${Math.max(0, sold - STOCK)} oversold`,
      busy: busy(results),
      p50Ms: percentile(
        results.map((r) => r.ms).sort((a, b) => a - b),
        50,
      ),
      p99Ms: p99(results),
    });
  } finally {
    await cloud.close();
  }
}
