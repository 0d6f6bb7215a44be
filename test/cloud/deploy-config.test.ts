/**
 * The deployment description stays true to the code: every function is declared in
 * cloudbaserc.json with its config.json timeout and triggers, and every collection is server-only.
 */
import fs from 'node:fs';
import path from 'node:path';
import { discoverFunctions } from '../../cloudfunctions/local/runtime/discover';
import { loadCollections } from '../../cloudfunctions/local/collections';

const ROOT = path.resolve(__dirname, '..', '..');

interface Declared {
  name: string;
  timeout: number;
  handler: string;
  triggers: { name: string; type: string; config: string }[];
}

test('should declare every function with the timeout and triggers of its config.json', () => {
  const rc = JSON.parse(fs.readFileSync(path.join(ROOT, 'cloudbaserc.json'), 'utf8')) as {
    envId: string;
    functionRoot: string;
    functions: Declared[];
  };
  const functions = discoverFunctions(path.join(ROOT, 'cloudfunctions', 'functions'));
  expect(rc.envId).toBe('{{env.ENV_ID}}');
  expect(rc.functionRoot).toBe('./dist/cloudfunctions');
  expect(rc.functions.map((f) => f.name).sort()).toEqual(functions.map((f) => f.name).sort());
  for (const fn of functions) {
    const declared = rc.functions.find((f) => f.name === fn.name)!;
    expect(declared.timeout).toBe(fn.config.timeout);
    expect(declared.handler).toBe('index.main');
    expect(declared.triggers).toEqual(fn.config.triggers);
  }
});

test('should keep every collection server-only', () => {
  const collections = loadCollections();
  expect(collections.length).toBeGreaterThan(0);
  for (const c of collections) expect(c.rules).toEqual({ read: false, write: false });
});

test('should point the devtools at the built mini-program and functions, with no app id or env id in the repo', () => {
  const pc = JSON.parse(fs.readFileSync(path.join(ROOT, 'project.config.json'), 'utf8')) as Record<string, unknown>;
  expect(pc.miniprogramRoot).toBe('dist/weapp/');
  expect(pc.cloudfunctionRoot).toBe('dist/cloudfunctions/');
  expect(pc.appid).toBe('touristappid');
});
