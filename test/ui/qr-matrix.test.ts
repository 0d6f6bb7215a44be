/** The gift QR code: a real, scannable code of the link, and the base64 it travels in. */
import jsQR from 'jsqr';
import { asciiBase64, qrDataUri, qrModules, qrSvg } from '../../src/components/qr-matrix';

test('should encode ASCII exactly as base64 does, at every padding length', () => {
  for (const s of ['', 'a', 'ab', 'abc', 'abcd', '<svg viewBox="0 0 9 9"/>']) {
    expect(asciiBase64(s)).toBe(Buffer.from(s, 'ascii').toString('base64'));
  }
});

test('should draw a QR code a scanner reads back as the link', () => {
  const link = 'https://gift.example.com/pages/claim/index?t=0123456789abcdef01234567.AbCdEfGhIjKlMnOpQrStUv';
  const svg = qrSvg(link);
  const box = Number(/viewBox="0 0 (\d+) \1"/.exec(svg)![1]);
  // Rasterise the path's 1×1 squares at 4 px per module.
  const scale = 4;
  const size = box * scale;
  const pixels = new Uint8ClampedArray(size * size * 4).fill(255);
  for (const m of svg.matchAll(/M(\d+) (\d+)h1v1h-1z/g)) {
    const [x, y] = [Number(m[1]), Number(m[2])];
    for (let dy = 0; dy < scale; dy++)
      for (let dx = 0; dx < scale; dx++) {
        const i = ((y * scale + dy) * size + x * scale + dx) * 4;
        pixels[i] = pixels[i + 1] = pixels[i + 2] = 0;
      }
  }
  expect(jsQR(pixels, size, size)?.data).toBe(link);
  expect(qrDataUri(link)).toBe(`data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`);
});

test('should draw each dark module of the matrix as one SVG square, past a 4-module quiet zone', () => {
  const text = 'GCP1.6214583011274490.0123456789abcdef';
  const { side, matrix } = qrModules(text);
  const svg = qrSvg(text);
  // The SVG's squares sit 4 modules in, past its quiet zone.
  const dark = new Set(
    [...svg.matchAll(/M(\d+) (\d+)h1v1h-1z/g)].map((m) => `${Number(m[1]) - 4},${Number(m[2]) - 4}`),
  );
  let drawn = '';
  for (let y = 0; y < side; y++) for (let x = 0; x < side; x++) drawn += dark.has(`${x},${y}`) ? '1' : '0';
  expect(svg).toContain(`viewBox="0 0 ${side + 8} ${side + 8}"`);
  expect(matrix).toBe(drawn);
});
