/**
 * White words readable on any colour (WCAG AA, 4.5:1 with a margin): how much black to lay over a
 * colour, or the colour darkened, for white text on it to read. Pure; card faces and brand logos
 * use it, so a light colour never leaves their words unreadable.
 */

const AA_ON_WHITE_TEXT = 4.8;

const channels = (hex: string): [number, number, number] => {
  const h = hex.replace('#', '');
  const full = h.length === 3 ? h.replace(/./g, (c) => c + c) : h;
  return [0, 2, 4].map((i) => parseInt(full.slice(i, i + 2), 16) || 0) as [number, number, number];
};

const luminance = ([r, g, b]: [number, number, number]): number => {
  const lin = (v: number) => (v / 255 <= 0.03928 ? v / 255 / 12.92 : ((v / 255 + 0.055) / 1.055) ** 2.4);
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
};

/** How white text reads on `rgb`: the WCAG contrast ratio. */
const whiteOn = (rgb: [number, number, number]): number => 1.05 / (luminance(rgb) + 0.05);

/**
 * The least black (0–0.8, in steps of 0.05) to lay over the lightest of `colors` for white words
 * on it to pass AA: 0 for dark colours, more for light ones.
 */
export function scrimFor(colors: readonly string[]): number {
  let alpha = 0;
  const dimmed = (a: number) => colors.map((c) => channels(c).map((v) => v * (1 - a)) as [number, number, number]);
  while (alpha < 0.8 && Math.min(...dimmed(alpha).map(whiteOn)) < AA_ON_WHITE_TEXT) alpha = +(alpha + 0.05).toFixed(2);
  return alpha;
}

/** `color` darkened just enough for white words on it to pass AA (a brand's light colour). */
export function readableGround(color: string): string {
  const keep = 1 - scrimFor([color]);
  return `#${channels(color)
    .map((v) =>
      Math.round(v * keep)
        .toString(16)
        .padStart(2, '0'),
    )
    .join('')}`;
}
