/**
 * Issue 18's production-shaped sections that aren't a money operation: the catalog home answer
 * (its size and its latency under 64 clients) and honest clients beside attackers. Both against the
 * local cloud in its own process with the latency model on (LOCAL_CLOUD_CALL_LATENCY_MS=8) and the
 * gateway's default limits (8 calls in flight per caller, a bounded queue per function).
 */
import zlib from 'node:zlib';
import { timed } from './load';
import {
  cloudProcess,
  cpuSince,
  percentile,
  percentileMs,
  postText,
  recordLoad,
  report,
  reportCpu,
  reportInstanceCeiling,
  reportTarget,
  type CloudProcess,
} from './support';

const LATENCY_MS = 8;
const CLIENTS = 64;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 30);
const HOME = JSON.stringify({ action: 'home' });

/** One call of catalog home; whether it answered ok (status 200 and `result.ok`), never throwing. */
async function home(url: string, token?: string, body: string = HOME): Promise<{ ok: boolean; key: string }> {
  try {
    const { status, text } = await postText(`${url}/api/functions/catalog`, body, token);
    let code = '';
    try {
      const a = JSON.parse(text) as { result?: { ok: boolean; error?: { code: string } }; error?: { code?: string } };
      code = a.result ? (a.result.ok ? 'ok' : (a.result.error?.code ?? '?')) : (a.error?.code ?? '');
    } catch {
      code = 'not JSON';
    }
    return { ok: status === 200 && code === 'ok', key: `${status}${code ? ` ${code}` : ''}` };
  } catch (e) {
    return { ok: false, key: `failed (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})` };
  }
}

/** Bytes of every string in `v` that is inlined image data (`data:` URIs), and how many there are. */
function inlined(
  v: unknown,
  acc = { bytes: 0, count: 0, types: new Set<string>() },
): { bytes: number; count: number; types: Set<string> } {
  if (typeof v === 'string' && v.startsWith('data:')) {
    acc.bytes += Buffer.byteLength(JSON.stringify(v));
    acc.count++;
    acc.types.add(v.slice(5, v.search(/[;,]/)));
  } else if (Array.isArray(v)) for (const x of v) inlined(x, acc);
  else if (typeof v === 'object' && v !== null) for (const x of Object.values(v)) inlined(x, acc);
  return acc;
}

async function sessions(proc: CloudProcess, n: number, prefix: string): Promise<string[]> {
  return Promise.all(Array.from({ length: n }, (_, i) => proc.session(`${prefix}-${i}`)));
}

/** The catalog home answer: its size raw and gzip, what makes it up, and its latency under 64 clients. */
export async function catalogHome(): Promise<void> {
  const proc = await cloudProcess({ LOCAL_CLOUD_CALL_LATENCY_MS: String(LATENCY_MS) });
  try {
    report('local cloud call latency (LOCAL_CLOUD_CALL_LATENCY_MS, ±25 %)', `${LATENCY_MS} ms`);
    // Each client its own session, as 64 phones would be (one anonymous address would be one caller).
    const tokens = await sessions(proc, CLIENTS, 'bench-browser');
    const res = await fetch(`${proc.url}/api/functions/catalog`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens[0]}` },
      body: HOME,
    });
    const text = await res.text();
    const answer = JSON.parse(text) as { result: { ok: boolean; data: Record<string, unknown> } };
    if (!answer.result?.ok) throw new Error(`catalog home: ${text.slice(0, 200)}`);
    const raw = Buffer.byteLength(text);
    const gzip = zlib.gzipSync(text).length;
    report('catalog home answer, raw (KB)', (raw / 1024).toFixed(1));
    reportTarget('catalog home answer, gzip (KB)', (gzip / 1024).toFixed(1), '≤ 20', gzip <= 20 * 1024);
    const data = answer.result.data;
    report(
      '  by part (raw KB)',
      Object.entries(data)
        .map(([k, v]) => `${k} ${(Buffer.byteLength(JSON.stringify(v)) / 1024).toFixed(1)}`)
        .join(', '),
    );
    const images = inlined(data);
    report(
      '  inlined data: URIs (card faces, logos) / their share of raw',
      `${images.count} (${[...images.types].join(', ')}), ${(images.bytes / 1024).toFixed(1)} KB / ${((images.bytes / raw) * 100).toFixed(0)} %`,
    );
    // Warm every instance, then the timed run.
    await Promise.all(tokens.map((t) => home(proc.url, t)));
    let failed = 0;
    const spent = cpuSince(proc);
    const latencies = await timed(CLIENTS, SECONDS, async (c) => {
      if (!(await home(proc.url, tokens[c])).ok) failed++;
    });
    const cpu = spent();
    const perSecond = latencies.length / SECONDS;
    report(`catalog home/s via gateway (${CLIENTS} clients, each its own session)`, perSecond.toFixed(0));
    report('catalog home latency p50 / p99 (ms)', `${percentileMs(latencies, 50)} / ${percentileMs(latencies, 99)}`);
    reportCpu(cpu, latencies.length, CLIENTS);
    reportTarget('catalog home p99 (ms)', percentileMs(latencies, 99), '≤ 200', percentile(latencies, 99) <= 200);
    reportTarget('catalog home calls failed', String(failed), '0', failed === 0);
    await proc.resetStats();
    await home(proc.url, tokens[0]);
    const dbCalls = (await proc.stats()).calls;
    report('database calls per catalog home', String(dbCalls));
    reportInstanceCeiling(dbCalls, LATENCY_MS);
    recordLoad({
      op: 'catalogHome',
      clients: CLIENTS,
      seconds: SECONDS,
      perSecond,
      p50Ms: percentile(latencies, 50),
      p99Ms: percentile(latencies, 99),
      doubleSpends: 0,
      lostUpdates: 0,
      dbCallsPerOp: dbCalls,
      rawSqlitePerSecond: 0,
    });
  } finally {
    await proc.close();
  }
}

const HONEST = 32;
/** Attacker connections: anonymous floods and deep-JSON senders, all from 127.0.0.1. */
const FLOODERS = 64;
const DEEP_SENDERS = 8;
/** A hard bound on attacker requests, whatever the seconds. */
const MAX_ATTACK_CALLS = 200_000;
/** `{"action":"home","x":[[[…]]]}` nested 10,000 levels deep (20 kB). */
const DEEP = `{"action":"home","x":${'['.repeat(10_000)}${']'.repeat(10_000)}}`;

/**
 * Honest clients (32, each its own session, calling catalog home) once alone and once beside
 * attackers aimed at the same function: a flood of anonymous calls and bodies nested 10,000 levels.
 */
export async function attackers(): Promise<void> {
  const proc = await cloudProcess({ LOCAL_CLOUD_CALL_LATENCY_MS: String(LATENCY_MS) });
  try {
    report('local cloud call latency (LOCAL_CLOUD_CALL_LATENCY_MS, ±25 %)', `${LATENCY_MS} ms`);
    const tokens = await sessions(proc, HONEST, 'bench-honest');
    await Promise.all(tokens.map((t) => home(proc.url, t)));
    const honest = async (): Promise<{ latencies: number[]; failed: Map<string, number> }> => {
      const failed = new Map<string, number>();
      const latencies = await timed(HONEST, SECONDS, async (c) => {
        const a = await home(proc.url, tokens[c]);
        if (!a.ok) failed.set(a.key, (failed.get(a.key) ?? 0) + 1);
      });
      return { latencies, failed };
    };
    const alone = await honest();

    const statuses = new Map<string, number>();
    let sent = 0;
    let stop = false;
    const attack = async (body: string, anonymous: boolean): Promise<void> => {
      while (!stop && sent < MAX_ATTACK_CALLS) {
        sent++;
        const a = await home(proc.url, anonymous ? undefined : tokens[0], body);
        const key = `${body === DEEP ? 'deep' : 'flood'}: ${a.key}`;
        statuses.set(key, (statuses.get(key) ?? 0) + 1);
      }
    };
    const attacking = Promise.all([
      ...Array.from({ length: FLOODERS }, () => attack(HOME, true)),
      ...Array.from({ length: DEEP_SENDERS }, () => attack(DEEP, true)),
    ]);
    const beside = await honest();
    stop = true;
    await attacking;

    const count = (m: Map<string, number>): number => [...m.values()].reduce((s, n) => s + n, 0);
    const describe = (m: Map<string, number>): string =>
      m.size === 0
        ? 'none'
        : [...m.entries()]
            .sort((a, b) => b[1] - a[1])
            .map(([k, n]) => `${k} ${n}`)
            .join(', ');
    report(
      `honest calls alone (${HONEST} clients, ${SECONDS} s): answered / failed`,
      `${alone.latencies.length} / ${count(alone.failed)}`,
    );
    report(
      'honest latency alone p50 / p99 (ms)',
      `${percentileMs(alone.latencies, 50)} / ${percentileMs(alone.latencies, 99)}`,
    );
    report(`honest calls beside attackers: answered / failed`, `${beside.latencies.length} / ${count(beside.failed)}`);
    if (beside.failed.size > 0) report('  honest failures by answer', describe(beside.failed));
    report(
      'honest latency beside attackers p50 / p99 (ms)',
      `${percentileMs(beside.latencies, 50)} / ${percentileMs(beside.latencies, 99)}`,
    );
    reportTarget(
      'honest calls killed / failed beside attackers',
      String(count(beside.failed)),
      '0',
      count(beside.failed) === 0,
    );
    const ratio = percentile(beside.latencies, 99) / percentile(alone.latencies, 99);
    reportTarget(
      'honest p99 beside attackers / alone',
      `${percentileMs(beside.latencies, 99)} / ${percentileMs(alone.latencies, 99)} ms = ${ratio.toFixed(2)}×`,
      '≤ 2×',
      ratio <= 2,
    );
    report(
      `attacker calls (${FLOODERS} anonymous flooders, ${DEEP_SENDERS} deep-JSON senders, ≤ ${MAX_ATTACK_CALLS})`,
      String(sent),
    );
    report('attacker answers by status', describe(statuses));
    const up = await fetch(`${proc.url}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    reportTarget('local cloud still serving after the attack', up ? 'yes' : 'no', 'yes', up);
    recordLoad({
      op: 'attackers: honest beside',
      clients: HONEST,
      seconds: SECONDS,
      perSecond: beside.latencies.length / SECONDS,
      p50Ms: percentile(beside.latencies, 50),
      p99Ms: percentile(beside.latencies, 99),
      doubleSpends: 0,
      lostUpdates: 0,
      dbCallsPerOp: 0,
      rawSqlitePerSecond: 0,
    });
  } finally {
    await proc.close();
  }
}
