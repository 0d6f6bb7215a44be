/**
 * What every H5 journey stands on: the local cloud serving the real H5 build and one headless
 * Chromium, started once per test file; each person gets a phone of their own (a browser context),
 * and every uncaught page error is kept so a journey can insist there were none.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { startTestCloud, type TestCloud } from '../../cloud/support/local-cloud';
import { launchBrowser, phoneContext } from './browser';

export const H5_DIR = path.resolve(__dirname, '..', '..', '..', 'dist', 'h5');

export interface Stage {
  readonly cloud: TestCloud;
  readonly browser: Browser;
  /** Uncaught errors of every page opened through `phone`. */
  readonly pageErrors: string[];
  /** A new person's phone (375 px wide) on this stage's browser, or on `on`. */
  phone(on?: Browser): Promise<Page>;
}

/** Registers the file's beforeAll / afterAll and returns the stage they set up. */
export function h5Stage(): Stage {
  let cloud: TestCloud | undefined;
  let browser: Browser | undefined;
  const pageErrors: string[] = [];
  const stage: Stage = {
    get cloud() {
      if (!cloud) throw new Error('the stage is not up yet');
      return cloud;
    },
    get browser() {
      if (!browser) throw new Error('the stage is not up yet');
      return browser;
    },
    pageErrors,
    async phone(on) {
      const page = await (await phoneContext(on ?? stage.browser)).newPage();
      page.on('pageerror', (e) => pageErrors.push(e.message));
      // Something the page's content security policy blocked is broken for people too.
      page.on('console', (m) => {
        if (/Content Security Policy/.test(m.text())) pageErrors.push(m.text().slice(0, 300));
      });
      return page;
    },
  };
  beforeAll(async () => {
    if (!fs.existsSync(path.join(H5_DIR, 'index.html'))) throw new Error('no H5 build: run npm run build:h5 first');
    cloud = await startTestCloud({ h5Dir: H5_DIR });
    browser = await launchBrowser();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await cloud?.close();
  });
  return stage;
}

/**
 * A fresh phone for every test of the file, handed to `use`; closed after the test, which then
 * fails if the page threw or its content security policy blocked something.
 */
export function phonePerTest(stage: Stage, use: (page: Page) => void): void {
  let page: Page | undefined;
  beforeEach(async () => {
    page = await stage.phone();
    use(page);
  });
  afterEach(async () => {
    await page?.context().close();
    expect(stage.pageErrors).toEqual([]);
  });
}
