/**
 * `npm run dev`: the local cloud plus Taro's H5 dev server, which rebuilds on every change and
 * forwards /api to the local cloud's gateway (see config/dev.ts). Open the URL Taro prints.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { startLocalCloud } from '../cloudfunctions/local';

async function main(): Promise<void> {
  const cloud = await startLocalCloud();
  console.log(`local cloud on ${cloud.url} (${cloud.config.mode}); starting the H5 dev server…`);
  const taro = spawn(
    process.execPath,
    [path.join(__dirname, '..', 'node_modules', '@tarojs', 'cli', 'bin', 'taro'), 'build', '--type', 'h5', '--watch'],
    {
      stdio: 'inherit',
      env: { ...process.env, NODE_ENV: 'development', GATEWAY_PROXY_TARGET: cloud.url },
    },
  );
  const stop = (): void => {
    taro.kill('SIGTERM');
    void cloud.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  taro.on('exit', (code) => {
    void cloud.close().then(() => process.exit(code ?? 0));
  });
}

main().catch((e: unknown) => {
  console.error(`error: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
