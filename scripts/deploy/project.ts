/**
 * Reads what deploy:check looks at from a checkout: cloudbaserc.json, every function folder's
 * config.json, the functions' bundles, the .env and the env id (ENV_ID, from the environment or
 * .env, the same variable cloudbaserc.json's {{env.ENV_ID}} reads).
 */
import fs from 'node:fs';
import path from 'node:path';
import { FUNCTION_BUILD } from '../../cloudfunctions/local/runtime/bundle';
import type { DeployProject, FunctionUnderCheck } from './config-rules';
import { parseDotEnv } from './dot-env';

function readJson(file: string): unknown {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as unknown;
  } catch {
    return null;
  }
}

/** Where a function's code comes from: the built dist folder by default. */
export type BundleSource = (name: string, entry: string) => string | null;

export function distBundles(root: string): BundleSource {
  return (name) => {
    const file = path.join(root, 'dist', 'cloudfunctions', name, 'index.js');
    return fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : null;
  };
}

export function loadDeployProject(root: string, bundles: BundleSource = distBundles(root)): DeployProject {
  const fnRoot = path.join(root, 'cloudfunctions', 'functions');
  const functions: FunctionUnderCheck[] = fs
    .readdirSync(fnRoot, { withFileTypes: true })
    .filter((d) => d.isDirectory() && fs.existsSync(path.join(fnRoot, d.name, 'index.ts')))
    .map((d) => ({
      name: d.name,
      config: readJson(path.join(fnRoot, d.name, 'config.json')),
      bundle: bundles(d.name, path.join(fnRoot, d.name, 'index.ts')),
    }))
    .sort((a, b) => a.name.localeCompare(b.name));
  return { rc: readJson(path.join(root, 'cloudbaserc.json')), functions, buildTarget: String(FUNCTION_BUILD.target) };
}

/** The checkout's .env, parsed; null when there is none. */
export function readDotEnv(root: string): Record<string, string> | null {
  const file = path.join(root, '.env');
  return fs.existsSync(file) ? parseDotEnv(fs.readFileSync(file, 'utf8')) : null;
}

/** ENV_ID from the environment, else from the checkout's .env. */
export function envIdOf(root: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  return env.ENV_ID || readDotEnv(root)?.ENV_ID || undefined;
}
