/** The three doors into a scanned page: its own query, a 小程序码's scene, a scanned ordinary link. */
import { entryOf } from '../../src/pages/entry-params';

test("should take the page's own query first, URL-decoded", () => {
  expect(entryOf({ t: 'abc.d%2Fe', scene: 'x' }, 't')).toEqual({ kind: 'query', value: 'abc.d/e' });
});

test("should take a 小程序码's scene, which WeChat passes URL-encoded", () => {
  expect(entryOf({ scene: 'a%3Db' }, 't')).toEqual({ kind: 'scene', value: 'a=b' });
});

test("should take the key from a scanned link's full URL in q, not from its missing query", () => {
  const link = 'https://gift.example.com/pages/claim/index?t=0123abcd.Zx-_9';
  expect(entryOf({ q: encodeURIComponent(link), scancode_time: '1700000000' }, 't')).toEqual({
    kind: 'query',
    value: '0123abcd.Zx-_9',
  });
  expect(entryOf({ q: encodeURIComponent('https://gift.example.com/pages/claim/index') }, 't')).toBeNull();
  expect(entryOf({ q: 'not a url' }, 't')).toBeNull();
});

test('should find nothing on a bare page', () => {
  expect(entryOf({}, 'code')).toBeNull();
});
