/**
 * `npx tsx scripts/category-icons.ts`: draws the five categories' icons (餐饮, 零售, 娱乐, 商超, 电商)
 * as 132×132 PNGs (44 px at 3×) into src/assets/categories/. One line style for all: white strokes
 * with round ends, the main shape also filled in translucent white (the duotone accent), on the
 * category's colour in a rounded square. Drawn as SVG and rendered by Debian's Chromium; files, not
 * data in the code, so they cost the H5 first load no JavaScript and the mini-program's <image>
 * shows them on every client.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { CategoryId } from '../src/domain/catalog';
import { launchBrowser } from '../test/e2e/support/browser';

const OUT = path.resolve(__dirname, '..', 'src', 'assets', 'categories');
const SIZE = 132;

/** Each category's colour: white strokes on it read at 3:1 or more (graphics, WCAG 1.4.11). */
const COLOURS: Record<CategoryId, string> = {
  dining: '#c4502c',
  retail: '#6a4fe0',
  entertainment: '#c2306a',
  supermarket: '#12805a',
  ecommerce: '#2563d9',
};

/** 48-unit drawings: the outline of the main shape (filled too: the accent), then the other lines. */
const DRAWINGS: Record<CategoryId, [shape: string, lines: string]> = {
  // A bowl with steam and chopsticks.
  dining: [
    'M11 24H37C37 31.5 31.2 36 24 36S11 31.5 11 24Z',
    'M18 38H30M19 19C17.5 17 20.5 15 19 13M25 19C23.5 17 26.5 15 25 13M30 20L38 11M33 21L40 14',
  ],
  // A shopping bag with its handle.
  retail: ['M13 18H35L33.5 37H14.5Z', 'M19 22V15C19 12 21.2 10 24 10S29 12 29 15V22'],
  // A film clapperboard.
  entertainment: ['M12 22H36V36H12Z', 'M12 22L11 16L34 12L35 18ZM17 15L20 20M24 14L27 19'],
  // A shopping cart with its wheels.
  supermarket: ['M16 17H37L34 28H18Z', 'M9 12H13.5L18 28M20 36A2 2 0 1 0 20 35.9M32 36A2 2 0 1 0 32 35.9'],
  // A parcel box with its tape.
  ecommerce: ['M24 10L37 16.5V31.5L24 38L11 31.5V16.5Z', 'M11 16.5L24 23L37 16.5M24 23V38M17.5 13.2L30.5 19.7V25'],
};

function svg(id: CategoryId): string {
  const [shape, lines] = DRAWINGS[id];
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${SIZE}" height="${SIZE}" viewBox="0 0 48 48">` +
    `<rect width="48" height="48" rx="14" fill="${COLOURS[id]}"/>` +
    `<g fill="none" stroke="#fff" stroke-width="2.4" stroke-linecap="round" stroke-linejoin="round">` +
    `<path fill="#fff" fill-opacity=".22" d="${shape}"/><path d="${lines}"/></g></svg>`
  );
}

async function main(): Promise<void> {
  fs.mkdirSync(OUT, { recursive: true });
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage({ viewport: { width: SIZE, height: SIZE }, deviceScaleFactor: 1 });
    for (const id of Object.keys(DRAWINGS) as CategoryId[]) {
      await page.setContent(`<body style="margin:0">${svg(id)}</body>`);
      const file = path.join(OUT, `${id}.png`);
      await page.locator('svg').screenshot({ path: file, omitBackground: true });
      console.log(`  ${path.relative(process.cwd(), file)}`);
    }
  } finally {
    await browser.close();
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
