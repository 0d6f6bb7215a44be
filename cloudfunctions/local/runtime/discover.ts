/**
 * Finds the deployable functions the way the WeChat devtools do: every folder under the functions
 * root holding an entry (`index.ts`) and a `config.json`. Reads each config's timeout and triggers.
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

export function parseFunctionConfig(name: string, raw: unknown): FunctionConfig {
  const obj = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const timeout = obj.timeout ?? DEFAULT_TIMEOUT_SECONDS;
  if (typeof timeout !== 'number' || !Number.isFinite(timeout) || timeout <= 0 || timeout > MAX_TIMEOUT_SECONDS) {
    throw new Error(`${name}/config.json: timeout must be a number of seconds in (0, ${MAX_TIMEOUT_SECONDS}]`);
  }
  const triggersRaw = obj.triggers ?? [];
  if (!Array.isArray(triggersRaw)) throw new Error(`${name}/config.json: triggers must be an array`);
  const triggers = triggersRaw.map((t: unknown, i) => {
    const tr = (t ?? {}) as Record<string, unknown>;
    if (tr.type !== 'timer' || typeof tr.name !== 'string' || typeof tr.config !== 'string') {
      throw new Error(`${name}/config.json: triggers[${i}] must be { name, type: "timer", config }`);
    }
    return { name: tr.name, type: 'timer' as const, config: tr.config };
  });
  return { timeout, triggers };
}

export function discoverFunctions(root: string): FunctionDefinition[] {
  if (!fs.existsSync(root)) return [];
  return fs
    .readdirSync(root, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => path.join(root, d.name))
    .filter((dir) => fs.existsSync(path.join(dir, 'index.ts')) && fs.existsSync(path.join(dir, 'config.json')))
    .map((dir) => {
      const name = path.basename(dir);
      const config = parseFunctionConfig(name, JSON.parse(fs.readFileSync(path.join(dir, 'config.json'), 'utf8')));
      return { name, dir, entry: path.join(dir, 'index.ts'), config };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}
