/**
 * The mini-program build passes the WeChat devtools' own checks, run offline: every code-quality
 * item, no module errors in the dependency analysis, and the main package and each subpackage under
 * 1 MB (half of WeChat's 2 MB limit, so a release has room to grow).
 * `npm test` builds dist/weapp before this runs.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { checkWeapp, overBudget, packageSizes, PACKAGE_BUDGET, type WeappReport } from '../../scripts/weapp-quality';

let report: WeappReport;

beforeAll(async () => {
  report = await checkWeapp();
}, 180_000);

test('should pass every code-quality item the devtools check', () => {
  const names = report.items.map((i) => i.name);
  for (const expected of [
    'PACKAGE_SIZE_LIMIT',
    'JS_COMPRESS_OPEN',
    'WXML_COMPRESS_OPEN',
    'WXSS_COMPRESS_OPEN',
    'LAZYCODE_LOADING_OPEN',
    'CONTAINS_UNUSED_COMPONENTS',
    'CONTAINS_UNUSED_CODES',
  ]) {
    expect(names).toContain(expected);
  }
  expect(report.items.filter((i) => !i.success)).toEqual([]);
});

test('should find no module errors in the dependency analysis', () => {
  expect(report.modules).toBeGreaterThan(10);
  expect(report.analyseErrors).toEqual([]);
});

test('should keep the main package and each subpackage under 1 MB', () => {
  const { main, subpackages } = report.packages;
  expect(main).toBeGreaterThan(0);
  expect(Object.keys(subpackages)).toEqual(['merchant']);
  expect(subpackages.merchant).toBeGreaterThan(0);
  expect(overBudget(report.packages)).toEqual([]);
});

test('should count each subpackage apart from the main package, leave out source maps, and name those over budget', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gcc-weapp-'));
  try {
    fs.writeFileSync(path.join(dir, 'app.json'), JSON.stringify({ subPackages: [{ root: 'shop/' }] }));
    fs.mkdirSync(path.join(dir, 'shop', 'pages'), { recursive: true });
    fs.mkdirSync(path.join(dir, 'shopping'));
    fs.writeFileSync(path.join(dir, 'shop', 'pages', 'a.js'), 'x'.repeat(300));
    fs.writeFileSync(path.join(dir, 'shop', 'pages', 'a.js.map'), 'x'.repeat(5_000));
    fs.writeFileSync(path.join(dir, 'shopping', 'b.js'), 'x'.repeat(40));
    const sizes = packageSizes(dir);
    const appJson = fs.statSync(path.join(dir, 'app.json')).size;
    expect(sizes).toEqual({ main: appJson + 40, subpackages: { shop: 300 } });
    expect(overBudget(sizes)).toEqual([]);
    expect(overBudget({ main: PACKAGE_BUDGET, subpackages: { shop: 1, more: PACKAGE_BUDGET + 1 } })).toEqual([
      'main',
      'more',
    ]);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
