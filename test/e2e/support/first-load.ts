/**
 * What a first visit costs: every script the home page loads until its first shelf of cards shows,
 * with each script's size as served and gzipped (what a CDN would send), and the time it took.
 */
import zlib from 'node:zlib';
import type { Page } from 'playwright-core';

export interface FirstLoad {
  scripts: { path: string; bytes: number; gzipBytes: number }[];
  gzipBytes: number;
  /** From navigation to the first card list on screen. */
  ms: number;
}

/** H5 first-load JavaScript budget (issue 18, was 250 KB in issue 7): 150 KB gzipped. */
export const FIRST_LOAD_BUDGET = 150 * 1024;

export async function firstLoad(page: Page, origin: string): Promise<FirstLoad> {
  const pending: Promise<FirstLoad['scripts'][number]>[] = [];
  page.on('response', (r) => {
    if (r.request().resourceType() !== 'script') return;
    pending.push(
      r.body().then((body) => ({
        path: new URL(r.url()).pathname,
        bytes: body.length,
        gzipBytes: zlib.gzipSync(body, { level: 9 }).length,
      })),
    );
  });
  const started = Date.now();
  await page.goto(`${origin}/`);
  await page.getByText('精选好礼').filter({ visible: true }).first().waitFor();
  const ms = Date.now() - started;
  const scripts = await Promise.all(pending);
  return { scripts, gzipBytes: scripts.reduce((sum, s) => sum + s.gzipBytes, 0), ms };
}
