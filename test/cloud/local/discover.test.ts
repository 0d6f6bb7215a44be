/**
 * Function discovery as the devtools and a deployment see a functions folder: TypeScript and plain
 * JavaScript entries, config.json optional with the platform's defaults, and the folders a
 * deployment refuses — two triggers ("目前仅支持一个触发器", shared/platform.md) or two entries.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { StartupError } from '../../../cloudfunctions/local';
import { discoverFunctions } from '../../../cloudfunctions/local/runtime/discover';
import { startTestCloud } from '../support/local-cloud';

let root: string;

beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'gcc-discover-'));
});

afterEach(() => {
  fs.rmSync(root, { recursive: true, force: true });
});

function write(file: string, text: string): void {
  fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
  fs.writeFileSync(path.join(root, file), text);
}

const MAIN = 'exports.main = async () => ({});\n';
const TIMER = (name: string) => ({ name, type: 'timer', config: '0 0 * * * * *' });

test('should find index.ts, index.js and package.json main entries, with config.json optional', () => {
  write('typed/index.ts', 'export async function main() { return {}; }\n');
  write('typed/config.json', JSON.stringify({ timeout: 20, triggers: [TIMER('hourly')] }));
  write('plain/index.js', MAIN);
  write('plain/package.json', JSON.stringify({ name: 'plain', dependencies: { 'wx-server-sdk': '4.0.2' } }));
  write('named/package.json', JSON.stringify({ name: 'named', main: 'src/handler' }));
  write('named/src/handler.js', MAIN);
  write('assets/readme.md', 'not a function\n');
  const found = discoverFunctions(root);
  expect(found.map((f) => [f.name, path.relative(root, f.entry)])).toEqual([
    ['named', path.join('named', 'src', 'handler.js')],
    ['plain', path.join('plain', 'index.js')],
    ['typed', path.join('typed', 'index.ts')],
  ]);
  expect(found.find((f) => f.name === 'typed')!.config).toEqual({ timeout: 20, triggers: [TIMER('hourly')] });
  // Without config.json: WeChat's 3 s timeout and no trigger.
  expect(found.find((f) => f.name === 'plain')!.config).toEqual({ timeout: 3, triggers: [] });
  expect(found.find((f) => f.name === 'named')!.config).toEqual({ timeout: 3, triggers: [] });
});

test('should refuse a config.json with more than one trigger, in one line naming the file', () => {
  write('jobs/index.js', MAIN);
  write('jobs/config.json', JSON.stringify({ triggers: [TIMER('a'), TIMER('b')] }));
  let message = '';
  try {
    discoverFunctions(root);
  } catch (e) {
    message = e instanceof Error ? e.message : String(e);
  }
  expect(message).toContain(path.join(root, 'jobs', 'config.json'));
  expect(message).toContain('目前仅支持一个触发器');
  expect(message).not.toContain('\n');
});

test('should refuse to start the local cloud on such a folder, with that one line', async () => {
  write('jobs/index.js', MAIN);
  write('jobs/config.json', JSON.stringify({ triggers: [TIMER('a'), TIMER('b')] }));
  await expect(startTestCloud({ functionsDir: root, dataDir: ':memory:' })).rejects.toThrow(StartupError);
  await expect(startTestCloud({ functionsDir: root, dataDir: ':memory:' })).rejects.toThrow(
    /jobs[\\/]config\.json: 2 triggers/,
  );
});

test('should accept exactly one trigger', () => {
  write('jobs/index.js', MAIN);
  write('jobs/config.json', JSON.stringify({ triggers: [TIMER('a')] }));
  expect(discoverFunctions(root)[0]!.config.triggers).toEqual([TIMER('a')]);
});

test('should refuse a folder holding both index.ts and index.js, and a package.json main naming no file', () => {
  write('both/index.ts', 'export async function main() { return {}; }\n');
  write('both/index.js', MAIN);
  expect(() => discoverFunctions(root)).toThrow(/both index\.ts and index\.js/);
  fs.rmSync(path.join(root, 'both'), { recursive: true });
  write('lost/package.json', JSON.stringify({ main: 'gone.js' }));
  expect(() => discoverFunctions(root)).toThrow(/lost[\\/]package\.json: main "gone\.js" names no file/);
});

test('should name the file when a config.json or package.json is not JSON', () => {
  write('broken/index.js', MAIN);
  write('broken/config.json', '{ "timeout": 3, }');
  expect(() => discoverFunctions(root)).toThrow(/broken[\\/]config\.json: not JSON/);
  fs.rmSync(path.join(root, 'broken'), { recursive: true });
  write('odd/package.json', 'main: app.js');
  expect(() => discoverFunctions(root)).toThrow(/odd[\\/]package\.json: not JSON/);
});

test('should keep the project’s own functions at one trigger each', () => {
  const functions = discoverFunctions(path.resolve(__dirname, '..', '..', '..', 'cloudfunctions', 'functions'));
  expect(functions.length).toBeGreaterThan(0);
  for (const fn of functions) expect(fn.config.triggers.length).toBeLessThanOrEqual(1);
  expect(functions.find((f) => f.name === 'merchant')!.config.triggers.map((t) => t.name)).toEqual(['merchantJobs']);
});
