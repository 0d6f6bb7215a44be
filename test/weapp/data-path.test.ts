/**
 * The simulator's setData paths and page URLs, as the WeChat base library reads them: Taro's
 * `root.cn.[0]` index spelling, arrays made on the way, and queries handed to onLoad as written.
 */
import { applyDataPath, parseDataPath } from '../../tools/weapp-sim/src/data-path';
import { parseUrl } from '../../tools/weapp-sim/src/logic';

test('should read both index spellings of a setData path and write through arrays it makes', () => {
  expect(parseDataPath('root.cn.[0].cn[12].v')).toEqual(['root', 'cn', 0, 'cn', 12, 'v']);
  const data: Record<string, unknown> = { root: { cn: [] } };
  applyDataPath(data, 'root.cn.[1].v', 'hi');
  expect(data).toEqual({ root: { cn: [undefined, { v: 'hi' }] } });
  applyDataPath(data, 'root.cn[1].v', 'again');
  expect((data.root as { cn: { v: string }[] }).cn[1]!.v).toBe('again');
  expect(() => parseDataPath('')).toThrow('empty data path');
});

test('should resolve page URLs against the current page and leave query values undecoded', () => {
  expect(parseUrl('/pages/brand/index?id=brand-lanshan-coffee')).toEqual({
    route: 'pages/brand/index',
    query: { id: 'brand-lanshan-coffee' },
  });
  expect(parseUrl('../card/index?q=a%2Fb&x', 'pages/wallet/index')).toEqual({
    route: 'pages/card/index',
    query: { q: 'a%2Fb', x: '' },
  });
});
