/**
 * Starts a local cloud for a test file: test mode, a random port, a fresh data folder, and
 * helpers to call functions through the gateway as a demo user, as the H5 app does.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startLocalCloud, type LocalCloud } from '../../../cloudfunctions/local';
import type { LocalCloudConfig } from '../../../cloudfunctions/local/config';

export const FIXTURE_FUNCTIONS = path.join(__dirname, '..', 'fixtures', 'functions');

export interface TestCloud extends LocalCloud {
  dataDir: string;
  /** POST /api/functions/:name; returns the HTTP status and the parsed body. */
  post(name: string, body: unknown, token?: string): Promise<{ status: number; body: Record<string, unknown> }>;
  /** The function's answer (`result`), failing the test on a non-200 answer. */
  call<T = unknown>(name: string, body: unknown, token?: string): Promise<T>;
  login(user: string): Promise<string>;
}

export function tempDataDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'gcc-test-'));
}

export async function startTestCloud(overrides: Partial<LocalCloudConfig> = {}): Promise<TestCloud> {
  const dataDir = overrides.dataDir ?? tempDataDir();
  const cloud = await startLocalCloud({ port: 0, mode: 'test', dataDir, maxInstances: 4, ...overrides });
  const post = async (name: string, body: unknown, token?: string) => {
    const res = await fetch(`${cloud.url}/api/functions/${name}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };
  return {
    ...cloud,
    dataDir,
    post,
    async call<T>(name: string, body: unknown, token?: string): Promise<T> {
      const res = await post(name, body, token);
      if (res.status !== 200) throw new Error(`${name} answered ${res.status}: ${JSON.stringify(res.body)}`);
      return res.body.result as T;
    },
    async login(user: string) {
      const res = await fetch(`${cloud.url}/api/dev/login`, { method: 'POST', body: JSON.stringify({ user }) });
      const body = (await res.json()) as { token: string };
      return body.token;
    },
    async close() {
      await cloud.close();
      if (!overrides.dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
