/** What a scanner reads off an element on screen: its screenshot, decoded by jsQR in a blank page of the browser. */
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { visible } from './people';

/** jsQR's browser build, put into a blank page to decode there. */
const JSQR = path.resolve(__dirname, '..', '..', '..', 'node_modules', 'jsqr', 'dist', 'jsQR.js');

export async function readQr(browser: Browser, shown: Page, testId: string): Promise<string> {
  const code = visible(shown, testId);
  // Centred as a person holds it to the scanner: at the screen's bottom edge the page's fixed action
  // bar covers part of it, and a minimal scroll-into-view leaves it there.
  await code.evaluate((el) => el.scrollIntoView({ block: 'center' }));
  const png = await code.screenshot();
  const decoder = await browser.newPage();
  try {
    await decoder.addScriptTag({ path: JSQR });
    return await decoder.evaluate(async (base64) => {
      const img = new Image();
      img.src = `data:image/png;base64,${base64}`;
      await img.decode();
      const canvas = document.createElement('canvas');
      canvas.width = img.naturalWidth;
      canvas.height = img.naturalHeight;
      const ctx = canvas.getContext('2d')!;
      ctx.drawImage(img, 0, 0);
      const { data, width, height } = ctx.getImageData(0, 0, canvas.width, canvas.height);
      const decode = (
        window as unknown as { jsQR: (d: Uint8ClampedArray, w: number, h: number) => { data: string } | null }
      ).jsQR;
      return decode(data, width, height)?.data ?? '';
    }, png.toString('base64'));
  } finally {
    await decoder.close();
  }
}
