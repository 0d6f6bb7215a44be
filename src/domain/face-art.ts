/**
 * Card artwork made locally: compact SVG card faces (kept by the cloud as files in storage, linked
 * from the catalog) and brand logos as data: URIs, so neither the seed catalog nor an operator's new
 * faces need an image made elsewhere. Deterministic — the same input always draws the same picture —
 * and pure, so the product editor previews exactly what the cloud draws
 * (cloudfunctions/core/catalog/face-art.ts is the cloud's door to it).
 *
 * A face is the brand's gradient, a ground pattern picked by the brand's name (so two brands' faces
 * of one theme differ beyond their colours), the theme's illustration on the right with details in
 * the brand's colour, and the brand, 礼品卡 and the face's title on the left. Only the SVG vocabulary
 * domain/face-drawing.ts reads is written (no arcs, no group transforms), so the mini-program can
 * paint the same face into its share card's image.
 */
import type { ThemeId } from './catalog';
import { svgDataUri } from './svg-uri';
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

export { svgDataUri };

const GOLD = '#ffd35c';
const PINK = '#ffb3c1';
const r1 = (n: number): number => Math.round(n * 10) / 10;

/** A four-pointed sparkle centred at (x, y). */
const sparkle = (x: number, y: number, s: number): string =>
  `<path d="M${x} ${y - s} C${x + s * 0.2} ${y - s * 0.2} ${x + s * 0.2} ${y - s * 0.2} ${x + s} ${y} ` +
  `C${x + s * 0.2} ${y + s * 0.2} ${x + s * 0.2} ${y + s * 0.2} ${x} ${y + s} C${x - s * 0.2} ${y + s * 0.2} ` +
  `${x - s * 0.2} ${y + s * 0.2} ${x - s} ${y} C${x - s * 0.2} ${y - s * 0.2} ${x - s * 0.2} ${y - s * 0.2} ${x} ${y - s}Z"/>`;

/** A heart whose point is at (x, y), `s` wide. */
const heart = (x: number, y: number, s: number): string => {
  const k = s / 56;
  const p = (dx: number, dy: number): string => `${r1(x + dx * k)} ${r1(y + dy * k)}`;
  return (
    `<path d="M${p(0, 0)} C${p(-40, -28)} ${p(-46, -54)} ${p(-28, -64)} C${p(-16, -71)} ${p(-4, -64)} ${p(0, -54)} ` +
    `C${p(4, -64)} ${p(16, -71)} ${p(28, -64)} C${p(46, -54)} ${p(40, -28)} ${p(0, 0)}Z"/>`
  );
};

/** A five-petalled blossom centred at (x, y). */
const blossom = (x: number, y: number, r: number, petal: string, heartColor: string): string => {
  let out = `<g fill="${petal}">`;
  for (let i = 0; i < 5; i++) {
    const a = (i * 72 - 90) * (Math.PI / 180);
    out += `<circle cx="${r1(x + Math.cos(a) * r)}" cy="${r1(y + Math.sin(a) * r)}" r="${r1(r * 0.75)}"/>`;
  }
  return `${out}</g><circle cx="${x}" cy="${y}" r="${r1(r * 0.5)}" fill="${heartColor}"/>`;
};

/** A firework: `n` rays from (x, y) between radii `a` and `b`, a dot at each tip. */
const burst = (x: number, y: number, a: number, b: number, n: number, color: string): string => {
  let rays = '';
  let dots = '';
  for (let i = 0; i < n; i++) {
    const t = (i * 360) / n + 8;
    const c = Math.cos((t * Math.PI) / 180);
    const s = Math.sin((t * Math.PI) / 180);
    rays += `M${r1(x + c * a)} ${r1(y + s * a)} L${r1(x + c * b)} ${r1(y + s * b)} `;
    dots += `<circle cx="${r1(x + c * (b + 5))}" cy="${r1(y + s * (b + 5))}" r="2"/>`;
  }
  return (
    `<g fill="none" stroke="${color}" stroke-width="2.5" stroke-linecap="round"><path d="${rays.trim()}"/></g>` +
    `<g fill="${color}">${dots}</g>`
  );
};

/** A lantern hanging from (x, top) with its body centred at (x, cy). */
const lantern = (x: number, top: number, cy: number, rx: number, ry: number, body: string): string =>
  `<g fill="${GOLD}"><rect x="${x - 1}" y="${top}" width="2" height="${cy - ry - top}"/>` +
  `<rect x="${x - rx * 0.5}" y="${cy - ry - 4}" width="${rx}" height="6" rx="2"/>` +
  `<rect x="${x - rx * 0.5}" y="${cy + ry - 2}" width="${rx}" height="6" rx="2"/>` +
  `<rect x="${x - 1.5}" y="${cy + ry + 4}" width="3" height="14" rx="1.5"/></g>` +
  `<ellipse cx="${x}" cy="${cy}" rx="${rx}" ry="${ry}" fill="${body}"/>` +
  `<g fill="none" stroke="${GOLD}" stroke-opacity=".7" stroke-width="1.5"><path d="M${x} ${cy - ry} V${cy + ry}"/>` +
  `<path d="M${x - rx * 0.5} ${cy - ry + 3} C${x - rx * 0.8} ${cy - ry * 0.3} ${x - rx * 0.8} ${cy + ry * 0.3} ${x - rx * 0.5} ${cy + ry - 3}"/>` +
  `<path d="M${x + rx * 0.5} ${cy - ry + 3} C${x + rx * 0.8} ${cy - ry * 0.3} ${x + rx * 0.8} ${cy + ry * 0.3} ${x + rx * 0.5} ${cy + ry - 3}"/></g>`;

/** The theme's illustration, drawn on the right of the card; `brand` colours its details. */
const MOTIFS: Record<ThemeId, (brand: string) => string> = {
  birthday: (brand) =>
    // Bunting across the top, a two-tier cake with icing in the brand's colour, candles and sprinkles.
    `<g fill="none" stroke="#fff" stroke-opacity=".8" stroke-width="1.5"><path d="M176 10 C220 34 268 34 318 14"/></g>` +
    `<g fill="#fff" fill-opacity=".9"><path d="M190 19 L204 24 L195 36Z"/><path d="M236 28 L252 28 L244 41Z"/><path d="M284 27 L298 23 L294 37Z"/></g>` +
    `<g fill="${GOLD}"><path d="M212 25 L228 28 L218 39Z"/><path d="M260 29 L276 27 L269 40Z"/><path d="M304 19 L316 15 L314 29Z"/></g>` +
    `<ellipse cx="250" cy="156" rx="60" ry="7" fill="#fff" fill-opacity=".35"/>` +
    `<rect x="204" y="116" width="92" height="38" rx="8" fill="#fff"/>` +
    `<rect x="218" y="86" width="64" height="32" rx="7" fill="#fff"/>` +
    `<path d="M204 126 C204 120 208 116 214 116 H286 C292 116 296 120 296 126 C290 134 284 126 278 132 C272 138 266 126 258 132 C250 138 244 126 236 132 C228 138 222 126 214 132 C210 134 206 130 204 126Z" fill="${brand}" fill-opacity=".85"/>` +
    `<path d="M218 95 C218 90 221 86 226 86 H274 C279 86 282 90 282 95 C277 101 271 94 265 99 C259 104 253 94 247 99 C241 104 235 94 229 99 C225 102 220 99 218 95Z" fill="${brand}" fill-opacity=".6"/>` +
    `<g fill="${brand}" fill-opacity=".9"><rect x="230" y="66" width="5" height="20" rx="2"/><rect x="248" y="62" width="5" height="24" rx="2"/><rect x="266" y="66" width="5" height="20" rx="2"/></g>` +
    `<g fill="${GOLD}"><path d="M232.5 52 C236 58 237 62 232.5 64 C228 62 229 58 232.5 52Z"/><path d="M250.5 48 C254 54 255 58 250.5 60 C246 58 247 54 250.5 48Z"/><path d="M268.5 52 C272 58 273 62 268.5 64 C264 62 265 58 268.5 52Z"/></g>` +
    `<g fill="${GOLD}"><circle cx="222" cy="143" r="2.5"/><circle cx="246" cy="146" r="2.5"/><circle cx="270" cy="141" r="2.5"/><circle cx="286" cy="147" r="2"/></g>` +
    `<g fill="#fff" fill-opacity=".85">${sparkle(190, 70, 6)}${sparkle(306, 92, 5)}</g>`,
  festival: () =>
    // A moon between two lanterns, a string of small stars.
    `<circle cx="268" cy="46" r="26" fill="${GOLD}" fill-opacity=".95"/><circle cx="258" cy="40" r="5" fill="#fff" fill-opacity=".25"/>` +
    lantern(218, 0, 92, 20, 24, '#e8453c') +
    lantern(290, 0, 112, 15, 18, '#f06a3a') +
    `<g fill="#fff" fill-opacity=".85">${sparkle(246, 112, 5)}${sparkle(188, 40, 4)}${sparkle(308, 26, 3)}</g>`,
  thanks: (brand) =>
    // A bouquet: three blossoms on stems, leaves, and a bow in the brand's colour.
    `<g fill="none" stroke="#fff" stroke-opacity=".9" stroke-width="3" stroke-linecap="round"><path d="M250 150 C246 120 228 96 222 76"/><path d="M252 150 C252 118 254 96 258 60"/><path d="M254 150 C262 124 282 104 292 90"/></g>` +
    `<g fill="#fff" fill-opacity=".75"><path d="M240 110 C226 104 220 110 222 118 C232 120 238 116 240 110Z"/><path d="M262 114 C276 104 284 108 284 116 C274 120 266 120 262 114Z"/></g>` +
    blossom(222, 72, 11, '#fff', GOLD) +
    blossom(258, 54, 13, PINK, '#fff') +
    blossom(292, 86, 10, '#fff', GOLD) +
    `<g fill="${brand}"><path d="M252 140 C236 128 224 136 232 146 C238 150 246 146 252 140Z"/><path d="M252 140 C268 128 280 136 272 146 C266 150 258 146 252 140Z"/>` +
    `<path d="M248 142 L240 164 L246 162 L250 168 L252 144Z"/><path d="M256 142 L264 164 L258 162 L254 168 L252 144Z"/></g>` +
    `<circle cx="252" cy="141" r="5" fill="${GOLD}"/>` +
    `<g fill="#fff" fill-opacity=".85">${sparkle(196, 118, 5)}${sparkle(304, 132, 6)}</g>`,
  love: (brand) =>
    // A large heart with a smaller one overlapping, an arrow through them, sparkles.
    `<g fill="#fff" fill-opacity=".95">${heart(238, 150, 96)}</g>` +
    `<g fill="${PINK}">${heart(290, 104, 48)}</g>` +
    `<g fill="${brand}" fill-opacity=".35">${heart(238, 136, 52)}</g>` +
    `<g fill="none" stroke="${GOLD}" stroke-width="3" stroke-linecap="round"><path d="M188 132 L304 62"/></g>` +
    `<g fill="${GOLD}"><path d="M304 62 L290 62 L296 72Z"/><path d="M188 132 L182 124 L178 136 L186 140Z"/></g>` +
    `<g fill="#fff" fill-opacity=".85">${sparkle(300, 136, 6)}${sparkle(196, 56, 5)}</g>`,
  congrats: (brand) =>
    // A party popper with streamers, confetti and stars.
    `<path d="M200 156 L226 90 L266 130Z" fill="${GOLD}"/><path d="M226 90 L266 130 L262 134 L222 94Z" fill="#fff" fill-opacity=".6"/>` +
    `<g fill="none" stroke="${brand}" stroke-opacity=".8" stroke-width="2"><path d="M208 136 L240 146"/><path d="M214 120 L250 138"/></g>` +
    `<g fill="none" stroke-width="3" stroke-linecap="round"><path d="M246 104 C256 80 244 64 262 48" stroke="#fff"/><path d="M256 116 C280 104 286 84 308 80" stroke="${PINK}"/><path d="M238 96 C232 72 212 66 216 40" stroke="${GOLD}"/></g>` +
    `<g fill="#fff"><rect x="276" y="44" width="8" height="4" rx="1" transform="rotate(30 280 46)"/><rect x="292" y="110" width="8" height="4" rx="1" transform="rotate(-20 296 112)"/><rect x="230" y="30" width="8" height="4" rx="1" transform="rotate(60 234 32)"/></g>` +
    `<g fill="${GOLD}"><circle cx="300" cy="56" r="3"/><circle cx="276" cy="130" r="2.5"/><circle cx="198" cy="60" r="2.5"/></g>` +
    `<g fill="${PINK}"><rect x="262" y="66" width="7" height="4" rx="1" transform="rotate(-40 265 68)"/><circle cx="310" cy="140" r="3"/></g>` +
    `<g fill="#fff" fill-opacity=".9">${sparkle(286, 28, 7)}${sparkle(306, 96, 4)}</g>`,
  newyear: (brand) =>
    // Fireworks over a skyline of rooftops.
    burst(262, 56, 10, 34, 12, GOLD) +
    burst(206, 40, 6, 20, 10, '#fff') +
    burst(300, 116, 5, 14, 8, PINK) +
    `<circle cx="262" cy="56" r="4" fill="#fff"/>` +
    `<g fill="#fff" fill-opacity=".3"><path d="M180 200 V168 L196 156 L212 168 V150 H236 V136 L250 128 L264 136 V160 H284 V146 L300 138 L316 146 V200Z"/></g>` +
    `<g fill="${brand}" fill-opacity=".6"><rect x="218" y="158" width="6" height="6" rx="1"/><rect x="246" y="142" width="6" height="6" rx="1"/><rect x="294" y="154" width="6" height="6" rx="1"/></g>`,
  spring: (brand) =>
    // 福 on a red diamond, a string of firecrackers, plum blossoms.
    `<rect x="214" y="50" width="66" height="66" rx="6" fill="#d7261e" transform="rotate(45 247 83)"/>` +
    `<rect x="221" y="57" width="52" height="52" rx="4" fill="none" stroke="${GOLD}" stroke-width="2" transform="rotate(45 247 83)"/>` +
    `<text x="247" y="97" text-anchor="middle" font-family="sans-serif" font-size="38" font-weight="700" fill="${GOLD}">福</text>` +
    `<g fill="none" stroke="${GOLD}" stroke-width="1.5"><path d="M304 0 V120"/></g>` +
    `<g fill="#e8453c"><rect x="296" y="40" width="16" height="10" rx="2"/><rect x="296" y="58" width="16" height="10" rx="2"/><rect x="296" y="76" width="16" height="10" rx="2"/><rect x="296" y="94" width="16" height="10" rx="2"/></g>` +
    `<g fill="${GOLD}"><rect x="296" y="48" width="16" height="2"/><rect x="296" y="66" width="16" height="2"/><rect x="296" y="84" width="16" height="2"/><rect x="296" y="102" width="16" height="2"/></g>` +
    `<g fill="none" stroke="${brand}" stroke-opacity=".8" stroke-width="3" stroke-linecap="round"><path d="M184 152 C204 140 220 146 238 134"/><path d="M206 146 C210 136 208 128 214 120"/></g>` +
    blossom(214, 120, 6, PINK, GOLD) +
    blossom(238, 134, 7, '#fff', '#e8453c') +
    blossom(192, 148, 5, PINK, GOLD),
  midautumn: (brand) =>
    // A full moon with a rabbit, clouds drifting across, a mooncake.
    `<circle cx="256" cy="72" r="50" fill="${GOLD}"/>` +
    `<g fill="#fff" fill-opacity=".25"><circle cx="236" cy="54" r="9"/><circle cx="276" cy="92" r="6"/><circle cx="284" cy="58" r="4"/></g>` +
    `<g fill="#fff"><ellipse cx="252" cy="94" rx="14" ry="11"/><circle cx="264" cy="82" r="8"/><ellipse cx="262" cy="66" rx="3" ry="10"/><ellipse cx="270" cy="67" rx="3" ry="10"/><circle cx="239" cy="96" r="4"/></g>` +
    `<circle cx="267" cy="81" r="1.5" fill="${brand}"/>` +
    `<g fill="#fff" fill-opacity=".85"><path d="M186 128 C186 118 200 114 206 120 C210 110 228 110 232 122 C242 120 248 128 244 134 H190 C187 134 186 131 186 128Z"/>` +
    `<path d="M262 40 C262 34 270 32 274 36 C276 30 288 30 290 38 C296 38 300 42 298 46 H266 C263 46 262 43 262 40Z"/></g>` +
    `<circle cx="280" cy="148" r="22" fill="#c98a3a"/><circle cx="280" cy="148" r="16" fill="none" stroke="${GOLD}" stroke-width="2"/>` +
    `<g fill="none" stroke="${GOLD}" stroke-width="1.5"><path d="M272 148 H288"/><path d="M280 140 V156"/></g>`,
  general: (brand) =>
    // A gift box with the ribbon in the brand's colour and a bow, sparkles around it.
    `<rect x="214" y="96" width="76" height="56" rx="6" fill="#fff"/>` +
    `<rect x="208" y="82" width="88" height="20" rx="5" fill="#fff"/><rect x="208" y="98" width="88" height="4" fill="${brand}" fill-opacity=".2"/>` +
    `<g fill="${brand}"><rect x="245" y="82" width="14" height="70"/>` +
    `<path d="M252 82 C236 56 212 66 222 78 C228 84 242 84 252 82Z"/><path d="M252 82 C268 56 292 66 282 78 C276 84 262 84 252 82Z"/></g>` +
    `<circle cx="252" cy="81" r="6" fill="${GOLD}"/>` +
    `<g fill="#fff" fill-opacity=".9">${sparkle(200, 60, 7)}${sparkle(304, 52, 5)}${sparkle(306, 132, 4)}</g>` +
    `<g fill="${GOLD}"><circle cx="224" cy="46" r="3"/><circle cx="286" cy="34" r="2.5"/></g>`,
};

/** Ground patterns; a brand's name picks one, so its faces share a look across themes. */
const GROUNDS: (() => string)[] = [
  // Dots in a loose grid.
  () => {
    let dots = '';
    for (let y = 16; y < 200; y += 22)
      for (let x = 12 + ((y / 22) % 2) * 11; x < 190; x += 22) dots += `<circle cx="${x}" cy="${y}" r="2"/>`;
    return `<g fill="#fff" fill-opacity=".1">${dots}</g>`;
  },
  // Broad diagonal bands.
  () =>
    `<g fill="#fff" fill-opacity=".07"><path d="M0 120 L120 0 H160 L0 160Z"/><path d="M0 200 L200 0 H220 L20 200Z"/><path d="M60 200 L260 0 H300 L100 200Z"/></g>`,
  // Waves along the bottom.
  () =>
    `<g fill="none" stroke="#fff" stroke-opacity=".14" stroke-width="2"><path d="M0 180 C40 164 80 196 120 180 C160 164 200 196 240 180 C280 164 300 190 320 182"/>` +
    `<path d="M0 192 C40 176 80 208 120 192 C160 176 200 208 240 192 C280 176 300 202 320 194"/><path d="M0 168 C40 152 80 184 120 168 C160 152 200 184 240 168"/></g>`,
  // Rings from the lower left corner.
  () =>
    `<g fill="none" stroke="#fff" stroke-opacity=".12" stroke-width="10"><circle cx="0" cy="200" r="60"/><circle cx="0" cy="200" r="110"/><circle cx="0" cy="200" r="160"/></g>`,
  // A soft sun and a band of light.
  () =>
    `<g fill="#fff" fill-opacity=".12"><circle cx="40" cy="-10" r="80"/><circle cx="120" cy="210" r="40"/></g><rect x="0" y="58" width="320" height="3" fill="#fff" fill-opacity=".12"/>`,
];

/** A small stable number from a text (FNV-1a), to pick a ground per brand. */
function pick(text: string, n: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  // FNV's low bits barely move between short names: mix the high bits in before taking the rest.
  h = Math.imul(h ^ (h >>> 15), 0x2c1b3c6d);
  return ((h ^ (h >>> 13)) >>> 0) % n;
}

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
 * A 1.6 : 1 card face: gradient, the brand's ground, the theme's illustration, brand name and face
 * title — the words white on a plate as dark as the face's colours need for them to read at AA.
 * The SVG text: the cloud keeps it as a file in storage; the editor's preview shows cardFaceArt.
 */
export function cardFaceSvg({ brandName, title, theme, colors }: FaceArtInput): string {
  const id = `g${(colors[0] + colors[1]).replace(/#/g, '')}`;
  const ground = GROUNDS[pick(brandName, GROUNDS.length)]!();
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="320" height="200" viewBox="0 0 320 200">` +
    `<defs><linearGradient id="${id}" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="${colors[0]}"/><stop offset="1" stop-color="${colors[1]}"/></linearGradient></defs>` +
    `<rect width="320" height="200" rx="16" fill="url(#${id})"/>${ground}${MOTIFS[theme](colors[0])}${scrims(scrimFor(colors))}` +
    `<text x="22" y="40" font-family="sans-serif" font-size="18" font-weight="700" fill="#fff">${esc(brandName)}</text>` +
    `<text x="22" y="172" font-family="sans-serif" font-size="22" font-weight="700" fill="#fff">${esc(title)}</text>` +
    `<text x="22" y="146" font-family="sans-serif" font-size="11" fill="#fff">礼品卡</text></svg>`
  );
}

/** The card face as a data: URI, for a preview drawn on the phone before anything is stored. */
export function cardFaceArt(input: FaceArtInput): string {
  return svgDataUri(cardFaceSvg(input));
}

/** A round logo with one or two characters, white on the brand's colour (darkened if too light for them). */
export function brandLogoArt({ glyph, color }: { glyph: string; color: string }): string {
  const size = glyph.length > 1 ? 26 : 34;
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="96" height="96" viewBox="0 0 96 96"><circle cx="48" cy="48" r="48" fill="${readableGround(color)}"/>` +
    `<text x="48" y="${48 + size * 0.36}" text-anchor="middle" font-family="sans-serif" font-size="${size}" font-weight="700" fill="#fff">${esc(glyph)}</text></svg>`;
  return svgDataUri(svg);
}
