/**
 * `npm run build:cloud`: bundles each function under cloudfunctions/functions into
 * dist/cloudfunctions/<name>/ — index.js (shared code bundled in, wx-server-sdk left external),
 * config.json, and a package.json pinning wx-server-sdk — ready to upload on its own.
 */
import { build } from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import { FUNCTION_BUILD } from '../cloudfunctions/local/runtime/bundle';
import { discoverFunctions } from '../cloudfunctions/local/runtime/discover';

const ROOT = path.resolve(__dirname, '..');
const OUT = path.join(ROOT, 'dist', 'cloudfunctions');
const SDK_VERSION = (
  JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
    devDependencies: Record<string, string>;
  }
).devDependencies['wx-server-sdk'];

async function main(): Promise<void> {
  if (SDK_VERSION !== '4.0.2')
    throw new Error(`wx-server-sdk must be pinned to 4.0.2, package.json has ${SDK_VERSION}`);
  fs.rmSync(OUT, { recursive: true, force: true });
  const functions = discoverFunctions(path.join(ROOT, 'cloudfunctions', 'functions'));
  for (const fn of functions) {
    const dir = path.join(OUT, fn.name);
    fs.mkdirSync(dir, { recursive: true });
    await build({ ...FUNCTION_BUILD, entryPoints: [fn.entry], outfile: path.join(dir, 'index.js') });
    // config.json is optional (the platform's defaults apply without one).
    if (fs.existsSync(path.join(fn.dir, 'config.json')))
      fs.copyFileSync(path.join(fn.dir, 'config.json'), path.join(dir, 'config.json'));
    const pkg = {
      name: fn.name,
      version: '1.0.0',
      private: true,
      main: 'index.js',
      dependencies: { 'wx-server-sdk': SDK_VERSION },
    };
    fs.writeFileSync(path.join(dir, 'package.json'), `${JSON.stringify(pkg, null, 2)}\n`);
    const size = fs.statSync(path.join(dir, 'index.js')).size;
    console.log(`  ${fn.name.padEnd(16)} ${(size / 1024).toFixed(1)} KB`);
  }
  console.log(`built ${functions.length} function(s) into ${path.relative(ROOT, OUT)}/`);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
