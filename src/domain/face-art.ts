/**
 * Card artwork made locally: compact SVG card faces and brand logos as data: URIs, so neither the
 * seed catalog nor an operator's new faces need an external image. Deterministic — the same input
 * always draws the same picture — and pure, so the product editor previews exactly what the cloud
 * draws (cloudfunctions/core/catalog/face-art.ts is the cloud's door to it).
 */
import type { ThemeId } from './catalog';
import { readableGround, scrimFor } from './readable';

export interface FaceArtInput {
  brandName: string;
  title: string;
  theme: ThemeId;
  /** Gradient from → to, #rrggbb. */
  colors: [string, string];
}

const esc = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function svgDataUri(svg: string): string {
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
}

/** One simple motif per theme, drawn in translucent white on the right of the card. */
const MOTIFS: Record<ThemeId, string> = {
  birthday:
    '<g fill="#fff" fill-opacity=".85"><rect x="214" y="96" width="62" height="40" rx="6"/><rect x="206" y="132" width="78" height="10" rx="4"/>' +
    '<rect x="230" y="78" width="4" height="18"/><rect x="243" y="74" width="4" height="22"/><rect x="256" y="78" width="4" height="18"/>' +
    '<circle cx="232" cy="74" r="3" fill="#ffd35c"/><circle cx="245" cy="70" r="3" fill="#ffd35c"/><circle cx="258" cy="74" r="3" fill="#ffd35c"/></g>',
  festival:
    '<g fill="#ffd35c"><circle cx="262" cy="48" r="22" fill-opacity=".9"/></g><g fill="#fff" fill-opacity=".9">' +
    '<rect x="218" y="70" width="2" height="14"/><ellipse cx="219" cy="100" rx="16" ry="18"/><rect x="211" y="116" width="16" height="5" rx="2"/>' +
    '<rect x="256" y="84" width="2" height="12"/><ellipse cx="257" cy="110" rx="12" ry="14"/><rect x="251" y="122" width="12" height="4" rx="2"/></g>',
  thanks:
    '<g fill="none" stroke="#fff" stroke-opacity=".9" stroke-width="6" stroke-linecap="round"><path d="M200 40 L300 140"/><path d="M250 92 c-24-30 -44-10 -30 4 c10 10 26 0 30 -4 c4 4 20 14 30 4 c14-14 -6-34 -30-4z"/></g>',
  love:
    '<g fill="#fff" fill-opacity=".85"><path d="M246 138 C206 110 200 84 218 74 c12-7 24 0 28 10 c4-10 16-17 28-10 c18 10 12 36 -28 64z"/>' +
    '<path d="M282 70 c-10-7 -11-14 -6-17 c3-2 6 0 7 2 c1-2 4-4 7-2 c5 3 4 10 -8 17z" fill-opacity=".6"/></g>',
  general:
    '<g fill="#fff" fill-opacity=".18"><circle cx="260" cy="40" r="60"/><circle cx="300" cy="150" r="50"/></g><g fill="#fff" fill-opacity=".85"><rect x="226" y="84" width="44" height="44" rx="10" transform="rotate(45 248 106)"/></g>',
};

/**
 * Black under the words of a light face, as strong as its colours need: a plate behind the brand
 * name fading out downwards, one behind the title fading out upwards; nothing on a face dark enough
 * already. Rects with a gradient of rgba stops: their rounded corners fall where the plate is clear,
 * and the mini-program's canvas redraw (face-drawing.ts) reads this vocabulary.
 */
function scrims(alpha: number): string {
  if (alpha === 0) return '';
  const [clear, dark] = ['rgba(0,0,0,0)', `rgba(0,0,0,${alpha.toFixed(2)})`];
  const fade = (id: string, stops: [number, string][]) =>
    `<linearGradient id="${id}" x1="0" y1="0" x2="0" y2="1">` +
    stops.map(([o, c]) => `<stop offset="${o}" stop-color="${c}"/>`).join('') +
    `</linearGradient>`;
  return (
    `<defs>${fade('sT', [
      [0, dark],
      [0.62, dark],
      [1, clear],
    ])}${fade('sB', [
      [0, clear],
      [0.3, dark],
      [1, dark],
    ])}</defs>` +
    `<rect width="320" height="76" rx="16" fill="url(#sT)"/><rect y="96" width="320" height="104" rx="16" fill="url(#sB)"/>`
  );
}

/**
 * A 1.6 : 1 card face: gradient, theme motif, brand name and face title — the words white on a
 * plate as dark as the face's colours need for them to read at AA.
 */
export function cardFaceArt({ brandName, title, theme, colors }: FaceArtInput): string {
  const id = `g${(colors[0] + colors[1]).replace(/#/g, '')}`;
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="320" height="200" viewBox="0 0 320 200">` +
    `<defs><linearGradient id="${id}" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="${colors[0]}"/><stop offset="1" stop-color="${colors[1]}"/></linearGradient></defs>` +
    `<rect width="320" height="200" rx="16" fill="url(#${id})"/>${MOTIFS[theme]}${scrims(scrimFor(colors))}` +
    `<text x="22" y="40" font-family="sans-serif" font-size="18" font-weight="700" fill="#fff">${esc(brandName)}</text>` +
    `<text x="22" y="172" font-family="sans-serif" font-size="22" font-weight="700" fill="#fff">${esc(title)}</text>` +
    `<text x="22" y="146" font-family="sans-serif" font-size="11" fill="#fff">礼品卡</text></svg>`;
  return svgDataUri(svg);
}

/** A round logo with one or two characters, white on the brand's colour (darkened if too light for them). */
export function brandLogoArt({ glyph, color }: { glyph: string; color: string }): string {
  const size = glyph.length > 1 ? 26 : 34;
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="96" height="96" viewBox="0 0 96 96"><circle cx="48" cy="48" r="48" fill="${readableGround(color)}"/>` +
    `<text x="48" y="${48 + size * 0.36}" text-anchor="middle" font-family="sans-serif" font-size="${size}" font-weight="700" fill="#fff">${esc(glyph)}</text></svg>`;
  return svgDataUri(svg);
}
