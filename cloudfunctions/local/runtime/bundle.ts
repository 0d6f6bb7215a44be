/**
 * Function code as the cloud runs it: one CommonJS bundle per function (shared code bundled in,
 * wx-server-sdk left external), made with esbuild the first time an instance is needed. Instances
 * then load plain JavaScript: no TypeScript loader in each worker thread, which used to cost every
 * instance its start-up time and tens of MB. Bundles live in node_modules/.cache (so `require` finds
 * wx-server-sdk from there) under their content hash: runs share them, and a changed source never
 * meets a stale bundle.
 */
import { buildSync, type BuildOptions } from 'esbuild';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** esbuild options a deployable function is built with (scripts/build-cloud.ts uses them too). */
export const FUNCTION_BUILD: BuildOptions = {
  bundle: true,
  platform: 'node',
  // WeChat Cloud's Nodejs18.15 runtime (cloudbaserc.json's "runtime"; deploy:check keeps the two agreed).
  target: 'node18',
  format: 'cjs',
  external: ['wx-server-sdk'],
  legalComments: 'none',
  logLevel: 'warning',
};

const DIR = path.resolve(__dirname, '..', '..', '..', 'node_modules', '.cache', 'function-bundles');
const made = new Map<string, string>();

/** The path of the bundle of `entry` (a function's index.ts, or the instance loop). */
export function bundled(entry: string): string {
  const known = made.get(entry);
  if (known && fs.existsSync(known)) return known;
  const out = buildSync({
    ...FUNCTION_BUILD,
    entryPoints: [entry],
    write: false,
    outfile: 'index.js',
    // Stack traces in the local cloud's log point at the sources.
    sourcemap: 'inline',
    sourcesContent: false,
  });
  const code = out.outputFiles[0]!.contents;
  const file = path.join(
    DIR,
    `${path.basename(path.dirname(entry))}-${createHash('sha1').update(code).digest('hex').slice(0, 16)}.js`,
  );
  if (!fs.existsSync(file)) {
    fs.mkdirSync(DIR, { recursive: true });
    // Written under a temporary name first: another process may be reading the same bundle.
    const tmp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, code);
    fs.renameSync(tmp, file);
  }
  made.set(entry, file);
  return file;
}
