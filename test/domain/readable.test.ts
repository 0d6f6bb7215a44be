/**
 * White words on any colour (src/domain/readable.ts): no black over a dark colour, just enough over
 * a light one for WCAG AA, and every seed face and logo readable with it.
 */
import { readableGround, scrimFor } from '../../src/domain/readable';
import { seedCatalog } from '../../cloudfunctions/local/seed/catalog';

const rgb = (hex: string) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
const lum = (c: number[]) =>
  c
    .map((v) => (v / 255 <= 0.03928 ? v / 255 / 12.92 : ((v / 255 + 0.055) / 1.055) ** 2.4))
    .reduce((sum, v, i) => sum + v * [0.2126, 0.7152, 0.0722][i]!, 0);
/** White text's contrast on `hex` under `alpha` of black. */
const whiteOn = (hex: string, alpha = 0) => 1.05 / (lum(rgb(hex).map((v) => v * (1 - alpha))) + 0.05);

test('should lay no black over a colour white words already read on, and enough over a light one', () => {
  expect(scrimFor(['#1a202c'])).toBe(0);
  const light = scrimFor(['#ffd35c', '#2c5282']);
  expect(light).toBeGreaterThan(0);
  expect(whiteOn('#ffd35c', light)).toBeGreaterThanOrEqual(4.5);
  // The least that does: a step less is not enough.
  expect(whiteOn('#ffd35c', light - 0.05)).toBeLessThan(4.8);
});

test('should make every seed face and logo colour carry white words at AA', () => {
  const { brands, products } = seedCatalog();
  for (const p of products)
    for (const f of p.faces) {
      const svg = decodeURIComponent(f.image);
      const colors = [...svg.matchAll(/stop-color="(#[0-9a-f]{6})"/g)].map((m) => m[1]!);
      expect(colors).toHaveLength(2);
      const alpha = scrimFor(colors);
      for (const c of colors) expect(whiteOn(c, alpha)).toBeGreaterThanOrEqual(4.5);
      // The face is drawn with that plate under its words.
      if (alpha > 0) expect(svg).toContain(`stop-color="rgba(0,0,0,${alpha.toFixed(2)})"`);
    }
  for (const b of brands) {
    const ground = readableGround(b.color);
    expect(whiteOn(ground)).toBeGreaterThanOrEqual(4.5);
    expect(decodeURIComponent(b.logo)).toContain(`fill="${ground}"`);
  }
});
