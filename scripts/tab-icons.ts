/**
 * `npx tsx scripts/tab-icons.ts`: draws the tab bar's icons (首页, 卡包, 订单; each plain and
 * selected) as 81×81 PNGs into src/assets/tabbar/ — the mini-program's tab bar takes only image
 * files, no fonts or SVG. Drawn as SVG strokes and rendered by Debian's Chromium, so a change of
 * shape or colour is a change here and one run.
 */
import fs from 'node:fs';
import path from 'node:path';
import { launchBrowser } from '../test/e2e/support/browser';

const OUT = path.resolve(__dirname, '..', 'src', 'assets', 'tabbar');
/** The tab bar's text colours (src/app.config.ts): the icon matches its label. */
const COLOURS = { plain: '#666b74', selected: '#cc3a2d' };

/** 24-unit line drawings, stroked. */
const SHAPES: Record<string, string> = {
  // A house: roof and walls, a door.
  home: '<path d="M3.5 11 12 4l8.5 7"/><path d="M6 9.5V20h12V9.5"/><path d="M10 20v-5h4v5"/>',
  // A card in a wallet: the wallet's body and flap, the clasp.
  wallet: '<rect x="3" y="6" width="18" height="14" rx="2.5"/><path d="M6 6V4.5h10V6"/><path d="M15 13h6"/>',
  // A receipt: the sheet and its lines.
  orders: '<path d="M6 3.5h12v17l-2-1.3-2 1.3-2-1.3-2 1.3-2-1.3-2 1.3z"/><path d="M9 8.5h6M9 12h6M9 15.5h4"/>',
};

function svg(shape: string, colour: string, filled: boolean): string {
  const fill = filled ? `fill="${colour}" fill-opacity="0.12"` : 'fill="none"';
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" width="81" height="81" ${fill}
    stroke="${colour}" stroke-width="1.7" stroke-linecap="round" stroke-linejoin="round">${shape}</svg>`;
}

async function main(): Promise<void> {
  fs.mkdirSync(OUT, { recursive: true });
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage({ viewport: { width: 81, height: 81 }, deviceScaleFactor: 1 });
    for (const [name, shape] of Object.entries(SHAPES)) {
      for (const [state, colour] of Object.entries(COLOURS)) {
        await page.setContent(`<body style="margin:0">${svg(shape, colour, state === 'selected')}</body>`);
        const file = path.join(OUT, `${name}${state === 'selected' ? '-selected' : ''}.png`);
        await page.locator('svg').screenshot({ path: file, omitBackground: true });
        console.log(`  ${path.relative(process.cwd(), file)}`);
      }
    }
  } finally {
    await browser.close();
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
