/**
 * `npm start`: builds the H5 app when it is missing, starts the local cloud and prints where to
 * open it. Startup problems print one line and exit 1.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { loadConfig, PROJECT_ROOT } from './config';
import { DEMO_USERS } from './gateway/demo-users';
import { startLocalCloud, StartupError } from './index';

function ensureH5Build(h5Dir: string): void {
  if (fs.existsSync(path.join(h5Dir, 'index.html'))) return;
  console.log('Building the H5 app (first start only, about a minute)…');
  const r = spawnSync('npm', ['run', '--silent', 'build:h5'], { cwd: PROJECT_ROOT, stdio: 'inherit' });
  if (r.status !== 0) throw new StartupError('the H5 build failed: see the output above');
}

async function main(): Promise<void> {
  const started = Date.now();
  const config = loadConfig();
  if (!process.argv.includes('--no-build')) ensureH5Build(config.h5Dir);
  const cloud = await startLocalCloud();
  const ms = Date.now() - started;
  console.log(`礼品卡中心 · local cloud (${cloud.config.mode}) ready in ${ms} ms`);
  console.log(`  open      ${cloud.url}/`);
  console.log(`  data      ${cloud.config.dataDir}${cloud.seeded ? ' (seeded with the demo catalog)' : ''}`);
  console.log(`  functions ${cloud.runtime.functionNames.join(', ')}`);
  console.log(`  storage   ${cloud.storage.urlOf('')} (cloud://${cloud.config.envId}.${cloud.storage.bucket}/…)`);
  if (cloud.config.mode !== 'production') {
    console.log(`  demo users ${DEMO_USERS.map((u) => `${u.user} (${u.role})`).join(', ')}`);
  }
  const stop = (): void => {
    void cloud.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((e: unknown) => {
  if (e instanceof StartupError || (e instanceof Error && /must be/.test(e.message))) {
    console.error(`error: ${e.message}`);
  } else {
    console.error(e);
  }
  process.exit(1);
});
