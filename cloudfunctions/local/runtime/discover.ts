/**
 * Finds the deployable functions the way the WeChat devtools do: every folder under the functions
 * root holding an entry — `index.ts` for ours, `index.js` or package.json's `main` for plain
 * JavaScript — with an optional `config.json` (timeout, one timer trigger; defaults 3 s, none).
 */
import fs from 'node:fs';
import path from 'node:path';

export interface TimerTrigger {
  name: string;
  type: 'timer';
  /** 7-field cron: second minute hour day-of-month month day-of-week year (China time). */
  config: string;
}

export interface FunctionConfig {
  /** Seconds; WeChat's default is 3. */
  timeout: number;
  triggers: TimerTrigger[];
}

export interface FunctionDefinition {
  name: string;
  dir: string;
  entry: string;
  config: FunctionConfig;
}

const DEFAULT_TIMEOUT_SECONDS = 3;
const MAX_TIMEOUT_SECONDS = 60;

/** A function's config.json (`file` names it in errors), checked as a deployment checks it. */
export function parseFunctionConfig(file: string, raw: unknown): FunctionConfig {
  const obj = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const timeout = obj.timeout ?? DEFAULT_TIMEOUT_SECONDS;
  if (typeof timeout !== 'number' || !Number.isFinite(timeout) || timeout <= 0 || timeout > MAX_TIMEOUT_SECONDS) {
    throw new Error(`${file}: timeout must be a number of seconds in (0, ${MAX_TIMEOUT_SECONDS}]`);
  }
  const triggersRaw = obj.triggers ?? [];
  if (!Array.isArray(triggersRaw)) throw new Error(`${file}: triggers must be an array`);
  // A deployment refuses more than one ("目前仅支持一个触发器", shared/platform.md): so does the local cloud.
  if (triggersRaw.length > 1) {
    throw new Error(`${file}: ${triggersRaw.length} triggers, but a function may have only one (目前仅支持一个触发器)`);
  }
  const triggers = triggersRaw.map((t: unknown, i) => {
    const tr = (t ?? {}) as Record<string, unknown>;
    if (tr.type !== 'timer' || typeof tr.name !== 'string' || typeof tr.config !== 'string') {
      throw new Error(`${file}: triggers[${i}] must be { name, type: "timer", config }`);
    }
    return { name: tr.name, type: 'timer' as const, config: tr.config };
  });
  return { timeout, triggers };
}

/** A JSON file's content; a file that isn't JSON is a one-line error naming it. */
function readJson(file: string): unknown {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    throw new Error(`${file}: not JSON (${e instanceof Error ? e.message : String(e)})`);
  }
}

/**
 * The entry of a function folder, or null when the folder is not a function: `index.ts` (our
 * TypeScript functions), else the `main` of its package.json, else `index.js` — the devtools'
 * rule for plain JavaScript functions, which is how most published functions are written.
 */
function entryOf(dir: string): string | null {
  const ts = path.join(dir, 'index.ts');
  const js = path.join(dir, 'index.js');
  if (fs.existsSync(ts)) {
    // Deployed, the folder would run its index.js while we ran index.ts: refuse the ambiguity.
    if (fs.existsSync(js)) throw new Error(`${dir}: holds both index.ts and index.js; keep one entry`);
    return ts;
  }
  const pkgFile = path.join(dir, 'package.json');
  if (fs.existsSync(pkgFile)) {
    const pkg = readJson(pkgFile);
    const main = typeof pkg === 'object' && pkg !== null ? (pkg as { main?: unknown }).main : undefined;
    if (typeof main === 'string' && main !== '') {
      const target = path.resolve(dir, main);
      // Node's own resolution of `main`: the file, with .js added, or a folder's index.js.
      const found = [target, `${target}.js`, path.join(target, 'index.js')].find(
        (f) => fs.existsSync(f) && fs.statSync(f).isFile(),
      );
      if (!found) throw new Error(`${pkgFile}: main ${JSON.stringify(main)} names no file`);
      return found;
    }
  }
  return fs.existsSync(js) ? js : null;
}

/** Reads a function's config.json; without one, the platform's defaults (3 s, no triggers). */
function configOf(dir: string): FunctionConfig {
  const file = path.join(dir, 'config.json');
  return parseFunctionConfig(file, fs.existsSync(file) ? readJson(file) : {});
}

/**
 * Finds the deployable functions under `root` as the devtools do: every folder with an entry
 * (see entryOf), `config.json` optional. Throws a one-line error naming the file at fault.
 */
export function discoverFunctions(root: string): FunctionDefinition[] {
  if (!fs.existsSync(root)) return [];
  return fs
    .readdirSync(root, { withFileTypes: true })
    .filter((d) => d.isDirectory() && d.name !== 'node_modules')
    .flatMap((d) => {
      const dir = path.join(root, d.name);
      const entry = entryOf(dir);
      return entry ? [{ name: d.name, dir, entry, config: configOf(dir) }] : [];
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}
