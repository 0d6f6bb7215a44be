/**
 * The mini-program build passes the WeChat devtools' own checks, run offline: every code-quality
 * item, no module errors in the dependency analysis, and a main package under 1 MB.
 * `npm test` builds dist/weapp before this runs.
 */
import { checkWeapp, type WeappReport } from '../../scripts/weapp-quality';

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

test('should keep the main package under 1 MB', () => {
  expect(report.mainPackageBytes).toBeGreaterThan(0);
  expect(report.mainPackageBytes).toBeLessThan(1024 * 1024);
});
