/**
 * Contrast of text drawn over pictures, measured on the rendered pixels (issue 19): arithmetic over
 * CSS colours can't see through an <img>, a canvas or the text inside an SVG card face, so the text
 * is made invisible, the picture photographed, and every pixel behind the text's box compared with
 * the text's colour. A text passes when at least 95 % of those pixels give WCAG AA (4.5:1, or 3:1
 * for large text): a scrim, a plate or a darker ground under the words, not luck, makes that hold.
 */
import { PNG } from 'pngjs';
import type { Page } from 'playwright-core';

type RGBA = [number, number, number, number];

/** A text the page found over a picture: where it is marked, its colour and the ratio it needs. */
export interface PicturedText {
  index: number;
  label: string;
  colour: RGBA;
  need: number;
}

/** Share of the pixels behind a text allowed below the ratio it needs (antialiased motif edges). */
const TOLERANCE = 0.05;

const luminance = ([r, g, b]: RGBA): number => {
  const lin = (v: number) => (v / 255 <= 0.03928 ? v / 255 / 12.92 : ((v / 255 + 0.055) / 1.055) ** 2.4);
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
};

const ratio = (a: RGBA, b: RGBA): number => {
  const [x, y] = [luminance(a), luminance(b)];
  return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05);
};

/** The ratio that 95 % of the pixels of `png` reach against `colour` drawn over them. */
function pixelRatio(png: Buffer, colour: RGBA): number {
  const { data, width, height } = PNG.sync.read(png);
  const ratios: number[] = [];
  for (let i = 0; i < width * height * 4; i += 4) {
    const under: RGBA = [data[i]!, data[i + 1]!, data[i + 2]!, 1];
    const a = colour[3];
    const drawn: RGBA = [0, 1, 2].map((k) => colour[k]! * a + under[k]! * (1 - a)) as RGBA;
    ratios.push(ratio(drawn, under));
  }
  ratios.sort((x, y) => x - y);
  return ratios[Math.floor(ratios.length * TOLERANCE)] ?? Infinity;
}

/**
 * Each text `audit` marked with `data-pictured` (its index), measured on the pixels behind it with
 * every marked text made transparent (shadows kept: a shadow plate counts). One line per failure.
 */
export async function checkPicturedTexts(page: Page, texts: PicturedText[]): Promise<string[]> {
  if (texts.length === 0) return [];
  const found: string[] = [];
  const style = await page.addStyleTag({
    content:
      '[data-pictured], [data-pictured] * { color: transparent !important; caret-color: transparent !important; }',
  });
  try {
    for (const t of texts) {
      const el = page.locator(`[data-pictured="${t.index}"]`);
      await el.scrollIntoViewIfNeeded();
      const box = await el.evaluate((e) => {
        const range = document.createRange();
        range.selectNodeContents(e);
        const r = range.getBoundingClientRect();
        return { x: r.left, y: r.top, width: r.width, height: r.height };
      });
      if (box.width < 1 || box.height < 1) continue;
      const got = pixelRatio(await page.screenshot({ clip: box, scale: 'css', animations: 'disabled' }), t.colour);
      if (got < t.need) found.push(`“${t.label}” over a picture: contrast ${got.toFixed(2)} < ${t.need}`);
    }
  } finally {
    await style.evaluate((s) => (s as Element).remove());
  }
  return found;
}

/** The SVG pictures shown on the page (card faces, logos, icons) at the width they are shown. */
export function svgPicturesOf(page: Page): Promise<{ src: string; width: number; name: string }[]> {
  return page.evaluate(() =>
    Array.from(document.querySelectorAll('img'))
      .filter(
        (i) =>
          (i.src.startsWith('data:image/svg+xml') || /\.svg(?:[?#]|$)/.test(new URL(i.src, location.href).pathname)) &&
          i.getBoundingClientRect().width > 0,
      )
      .map((i) => ({
        src: i.src,
        width: i.getBoundingClientRect().width,
        name: (i.closest('[class]')?.className ?? 'img').toString().split(' ')[0]!,
      })),
  );
}

/** An SVG picture's text: inside its data: URI, or served at its link (a face in cloud storage). */
async function svgText(src: string): Promise<string> {
  if (!src.startsWith('data:')) {
    const res = await fetch(src);
    if (!res.ok) throw new Error(`${src}: ${res.status}`);
    return res.text();
  }
  const [head, body] = [src.slice(0, src.indexOf(',')), src.slice(src.indexOf(',') + 1)];
  return head.endsWith(';base64') ? Buffer.from(body, 'base64').toString('utf8') : decodeURIComponent(body);
}

/**
 * The words inside an SVG picture (a card face's brand and title, a logo's glyph), each measured on
 * the picture's own pixels with its words hidden, at the size it is shown. One line per failure.
 */
export async function checkSvgTexts(scratch: Page, src: string, width: number, name: string): Promise<string[]> {
  const svg = await svgText(src);
  // A phone lays a page without a viewport out 980 px wide and shrinks it: the boxes would miss.
  await scratch.setContent(
    `<meta name="viewport" content="width=device-width, initial-scale=1"><body style="margin:0;background:#fff">${svg}</body>`,
  );
  const texts = await scratch.evaluate((shownWidth) => {
    const root = document.querySelector('svg')!;
    const natural = Number(root.getAttribute('width')) || root.getBoundingClientRect().width;
    const scale = shownWidth / natural;
    root.setAttribute('width', String(shownWidth));
    root.setAttribute('height', String((Number(root.getAttribute('height')) || natural) * scale));
    return Array.from(root.querySelectorAll('text')).map((t) => {
      const r = t.getBoundingClientRect();
      const s = getComputedStyle(t);
      const [cr, cg, cb] = (s.fill.match(/\d+(\.\d+)?/g) ?? ['0', '0', '0']).map(Number);
      const alpha = Number(s.fillOpacity) * Number(s.opacity);
      const size = parseFloat(s.fontSize) * scale;
      const large = size >= 24 || (size >= 18.66 && Number(s.fontWeight) >= 700);
      return {
        label: (t.textContent ?? '').slice(0, 24),
        box: { x: r.left, y: r.top, width: r.width, height: r.height },
        colour: [cr!, cg!, cb!, alpha] as RGBA,
        need: large ? 3 : 4.5,
      };
    });
  }, width);
  await scratch.addStyleTag({ content: 'text { visibility: hidden; }' });
  const found: string[] = [];
  for (const t of texts) {
    if (t.box.width < 1 || t.box.height < 1) continue;
    const got = pixelRatio(await scratch.screenshot({ clip: t.box, scale: 'css' }), t.colour);
    if (got < t.need) found.push(`${name}: “${t.label}” drawn on the picture: contrast ${got.toFixed(2)} < ${t.need}`);
  }
  return found;
}
