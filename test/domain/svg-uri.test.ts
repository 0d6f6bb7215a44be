/**
 * Card faces, logos and default avatars travel as SVG data: URIs in catalog answers and are written
 * into `src` attributes (the app's images, the screenshot pages' HTML): what must be escaped is, and
 * nothing more.
 */
import { cardFaceArt } from '../../src/domain/face-art';
import { svgDataUri } from '../../src/domain/svg-uri';

const PREFIX = 'data:image/svg+xml;charset=utf-8,';

test('should escape what would end an attribute, start a fragment or is not ASCII, and decode back whole', () => {
  const svg = '<svg width="10" height="10"><text fill="#fff">50% 礼品卡 😀</text></svg>';
  const uri = svgDataUri(svg);
  expect(uri.startsWith(PREFIX)).toBe(true);
  const body = uri.slice(PREFIX.length);
  expect(body).not.toMatch(/["#]|[^\x20-\x7e]/);
  // Every % left starts an escape.
  expect(body.replace(/%[0-9A-F]{2}/g, '')).not.toContain('%');
  expect(decodeURIComponent(body)).toBe(svg);
});

test('should keep a card face well under its size encoded whole', () => {
  const uri = cardFaceArt({
    brandName: '蓝山咖啡',
    title: '生日快乐',
    theme: 'birthday',
    colors: ['#6b3e26', '#d69e2e'],
  });
  const svg = decodeURIComponent(uri.slice(PREFIX.length));
  const whole = PREFIX.length + encodeURIComponent(svg).length;
  expect(uri.length).toBeLessThan(whole * 0.75);
});
