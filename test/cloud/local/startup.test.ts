/** Starting the local cloud: clear one-line errors, seed once, keep data across restarts. */
import os from 'node:os';
import fs from 'node:fs';
import path from 'node:path';
import { startLocalCloud, StartupError } from '../../../cloudfunctions/local';
import { loadConfig } from '../../../cloudfunctions/local/config';
import { startTestCloud, tempDataDir } from '../support/local-cloud';

test('should say so in one line when the port is taken', async () => {
  const first = await startTestCloud();
  try {
    const err = await startLocalCloud({ port: first.port, mode: 'test', dataDir: tempDataDir() }).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(StartupError);
    expect((err as Error).message).toBe(`port ${first.port} is already in use: stop the other process or set PORT`);
  } finally {
    await first.close();
  }
});

test('should say so in one line when the data directory is not writable', async () => {
  const file = path.join(tempDataDir(), 'a-file');
  fs.writeFileSync(file, '');
  const dir = path.join(file, 'data');
  const err = await startLocalCloud({ port: 0, mode: 'test', dataDir: dir }).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(StartupError);
  expect((err as Error).message).toBe(`data directory ${dir} is not writable: set DATA_DIR to a writable folder`);
});

test('should read its configuration from the environment and refuse bad values', () => {
  const c = loadConfig({ PORT: '9000', LOCAL_CLOUD_MODE: 'production', DATA_DIR: '/tmp/x', CLOUD_ENV_ID: 'prod-1' });
  expect(c).toMatchObject({ port: 9000, mode: 'production', dataDir: '/tmp/x', envId: 'prod-1', host: '127.0.0.1' });
  expect(() => loadConfig({ PORT: 'eighty' })).toThrow('PORT must be an integer between 0 and 65535, got "eighty"');
  expect(() => loadConfig({ LOCAL_CLOUD_MODE: 'prod' })).toThrow(/LOCAL_CLOUD_MODE/);
  // Instances per function: 8 per core (at least 2 cores), as set, or the cloud's 1000; on one
  // thread per core (never fewer than 2).
  expect(loadConfig({}).maxInstances).toBe(8 * Math.max(2, os.availableParallelism()));
  expect(loadConfig({ MAX_INSTANCES: '1000' }).maxInstances).toBe(1000);
  expect(loadConfig({ MAX_INSTANCES: '3' }).maxInstances).toBe(3);
  expect(() => loadConfig({ MAX_INSTANCES: '0' })).toThrow(/MAX_INSTANCES/);
  expect(loadConfig({}).threadsPerFunction).toBe(Math.max(2, os.availableParallelism()));
  expect(() => loadConfig({ THREADS_PER_FUNCTION: '0' })).toThrow(/THREADS_PER_FUNCTION/);
});

test('should seed an empty database once and keep it across a restart', async () => {
  const dataDir = tempDataDir();
  const first = await startTestCloud({ dataDir });
  expect(first.seeded).toBe(true);
  await first.close();
  const second = await startTestCloud({ dataDir });
  try {
    expect(second.seeded).toBe(false);
    const res = (await second.db.handle({
      action: 'database.calculateDocument',
      collectionName: 'brands',
      queryType: 'WHERE',
      query: '{}',
    })) as {
      data: { total: number };
    };
    expect(res.data.total).toBeGreaterThanOrEqual(8);
  } finally {
    await second.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});

test('should turn dev login off in production mode', async () => {
  const cloud = await startTestCloud({ mode: 'production' });
  try {
    const res = await fetch(`${cloud.url}/api/dev/login`, { method: 'POST', body: JSON.stringify({ user: 'alice' }) });
    expect(res.status).toBe(404);
    expect((await fetch(`${cloud.url}/api/test/stats`)).status).toBe(404);
  } finally {
    await cloud.close();
  }
});
