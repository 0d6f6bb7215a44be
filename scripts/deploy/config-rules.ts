/**
 * The deployment rules for the functions, checked on parsed files so each rule can be tested on a
 * small fixture: cloudbaserc.json (what `tcb fn deploy` applies) and each function's config.json
 * (what the devtools and the local cloud read) must describe the same functions, within WeChat's
 * limits, and give each function every variable and open-API permission its built code needs.
 * Each finding is one line, starting with the function it is about.
 */
import { parseCron } from '../../cloudfunctions/local/runtime/cron';
import { deployedVariables, LOCAL_ONLY_PREFIX, openApiUses } from './bundle-scan';

/** The runtime every function is declared with (platform.md: offered, and the CLI's default). */
export const RUNTIME = 'Nodejs18.15';
/** WeChat stops a function after at most 60 s, whatever it asks for. */
export const MAX_TIMEOUT_SECONDS = 60;
/** What the platform applies when a timeout is not given. */
export const DEFAULT_TIMEOUT_SECONDS = 3;
/** "目前仅支持一个触发器" (mini-program cloud guide, triggers). */
export const MAX_TRIGGERS = 1;

export interface FunctionUnderCheck {
  name: string;
  /** config.json, parsed; null when the folder has none. */
  config: unknown;
  /** The built dist/cloudfunctions/<name>/index.js; null when it has not been built. */
  bundle: string | null;
}

export interface DeployProject {
  /** cloudbaserc.json, parsed. */
  rc: unknown;
  /** Every folder under cloudfunctions/functions with an index.ts. */
  functions: FunctionUnderCheck[];
  /** The esbuild target the functions are built with (FUNCTION_BUILD.target). */
  buildTarget: string;
}

type Json = Record<string, unknown>;

function record(v: unknown): Json | null {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Json) : null;
}

/** `node18` for `Nodejs18.15`: the esbuild target that matches a runtime's major version. */
export function targetFor(runtime: string): string | null {
  const m = /^Nodejs(\d+)\./.exec(runtime);
  return m ? `node${m[1]}` : null;
}

function checkTriggers(name: string, where: string, raw: unknown, out: string[]): string {
  if (raw === undefined) return '[]';
  if (!Array.isArray(raw)) {
    out.push(`${name}: ${where} triggers is not a list`);
    return '';
  }
  if (raw.length > MAX_TRIGGERS) {
    const names = raw.map((t) => String(record(t)?.name ?? '?')).join(', ');
    out.push(`${name}: ${where} has ${raw.length} triggers (${names}); WeChat allows ${MAX_TRIGGERS} per function`);
  }
  for (const t of raw) {
    const tr = record(t);
    const label = String(tr?.name ?? '?');
    if (!tr || tr.type !== 'timer' || typeof tr.name !== 'string' || typeof tr.config !== 'string') {
      out.push(`${name}: ${where} trigger ${label} must be { name, type: "timer", config }`);
      continue;
    }
    try {
      parseCron(tr.config);
    } catch (e) {
      out.push(`${name}: ${where} trigger ${label}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  return JSON.stringify(raw.map((t) => ({ name: record(t)?.name, type: record(t)?.type, config: record(t)?.config })));
}

function checkTimeout(name: string, where: string, raw: unknown, out: string[]): number | null {
  if (typeof raw !== 'number' || !Number.isFinite(raw) || raw <= 0) {
    out.push(`${name}: ${where} timeout must be a positive number of seconds`);
    return null;
  }
  if (raw > MAX_TIMEOUT_SECONDS)
    out.push(`${name}: ${where} timeout ${raw} s is over WeChat's ${MAX_TIMEOUT_SECONDS} s`);
  return raw;
}

function checkOne(fn: FunctionUnderCheck, entry: Json, out: string[]): void {
  const { name } = fn;
  const config = record(fn.config);
  if (!config) {
    out.push(`${name}: cloudfunctions/functions/${name}/config.json is missing or not an object`);
    return;
  }
  if (entry.runtime !== RUNTIME)
    out.push(`${name}: cloudbaserc.json runtime is ${String(entry.runtime)}, expected ${RUNTIME}`);
  if (entry.handler !== 'index.main') out.push(`${name}: cloudbaserc.json handler must be index.main`);

  // The devtools' upload keeps 3 s when config.json says nothing; tcb applies cloudbaserc.json's.
  const cfgTimeout = checkTimeout(name, 'config.json', config.timeout ?? DEFAULT_TIMEOUT_SECONDS, out);
  const rcTimeout = checkTimeout(name, 'cloudbaserc.json', entry.timeout, out);
  if (cfgTimeout !== null && rcTimeout !== null && cfgTimeout !== rcTimeout)
    out.push(`${name}: timeout is ${cfgTimeout} s in config.json but ${rcTimeout} s in cloudbaserc.json`);

  const cfgTriggers = checkTriggers(name, 'config.json', config.triggers, out);
  const rcTriggers = checkTriggers(name, 'cloudbaserc.json', entry.triggers, out);
  if (cfgTriggers && rcTriggers && cfgTriggers !== rcTriggers)
    out.push(`${name}: triggers differ between config.json and cloudbaserc.json`);

  const env = record(entry.envVariables ?? {}) ?? {};
  for (const [key, value] of Object.entries(env)) {
    if (key.startsWith(LOCAL_ONLY_PREFIX))
      out.push(`${name}: cloudbaserc.json envVariables sets ${key}, which only the local cloud may set`);
    if (/SECRET|KEY/.test(key) && !/^\{\{env\.[A-Za-z_][A-Za-z0-9_]*\}\}$/.test(String(value)))
      out.push(
        `${name}: cloudbaserc.json envVariables.${key} holds a value; use "{{env.${key}}}" so no secret is committed`,
      );
  }
  if (fn.bundle === null) {
    out.push(`${name}: dist/cloudfunctions/${name}/index.js is missing: run npm run build:cloud first`);
    return;
  }
  for (const v of deployedVariables(fn.bundle))
    if (!Object.prototype.hasOwnProperty.call(env, v))
      out.push(`${name}: the code reads process.env.${v} but cloudbaserc.json envVariables lacks it`);

  const granted = record(config.permissions)?.openapi ?? [];
  const grantedList = Array.isArray(granted) ? granted.filter((g): g is string => typeof g === 'string') : [];
  const uses = openApiUses(fn.bundle);
  for (const call of uses.calls)
    if (!grantedList.includes(call))
      out.push(`${name}: the code calls ${call} but config.json permissions.openapi lacks it`);
  for (const ns of uses.unknownNamespaces)
    out.push(
      `${name}: the code uses openapi.${ns}, whose methods deploy:check does not know (add them to OPEN_API_METHODS)`,
    );
}

/** Every finding about the functions' deployment description; empty when it is right. */
export function checkFunctions(project: DeployProject): string[] {
  const out: string[] = [];
  const rc = record(project.rc);
  const entries = rc && Array.isArray(rc.functions) ? rc.functions.map(record) : null;
  if (!rc || !entries || entries.some((e) => e === null || typeof e.name !== 'string')) {
    return ['cloudbaserc.json: functions must be a list of { name, … }'];
  }
  if (rc.functionRoot !== './dist/cloudfunctions')
    out.push('cloudbaserc.json: functionRoot must be ./dist/cloudfunctions (the built functions)');
  const byName = new Map<string, Json>();
  for (const e of entries as Json[]) {
    const n = e.name as string;
    if (byName.has(n)) out.push(`${n}: declared twice in cloudbaserc.json`);
    byName.set(n, e);
  }
  const folders = new Set(project.functions.map((f) => f.name));
  for (const n of byName.keys())
    if (!folders.has(n))
      out.push(`${n}: declared in cloudbaserc.json but cloudfunctions/functions/${n} does not exist`);
  for (const fn of project.functions) {
    const entry = byName.get(fn.name);
    if (!entry) out.push(`${fn.name}: has no entry in cloudbaserc.json functions`);
    else checkOne(fn, entry, out);
  }
  const expected = targetFor(RUNTIME);
  if (project.buildTarget !== expected)
    out.push(
      `build: functions are built for ${project.buildTarget} but run on ${RUNTIME} (esbuild target ${expected})`,
    );
  return out;
}
