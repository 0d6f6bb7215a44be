/**
 * The render layer in a browser: the virtual tree of the page on top as WeChat's own custom
 * elements (`wx-view`, `wx-text`, …, the names its webview uses and `wcsc` writes selectors for),
 * with the native parts a webview puts inside them (an `<input>` in `wx-input`, an `<img>` in
 * `wx-image`, a `<canvas>` replaying the drawing calls the logic layer recorded), styled by `wcsc`'s
 * own style code run in the page (rpx from the screen's 375-pt width). Elements with handlers
 * carry their tree path, so a click in `npm run sim` goes back to the same element.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { SimCanvas } from './canvas';
import { isElement, type VElement, type VNode } from './render';
import { PHONE } from './wx-api';
import type { WeappSim } from './sim';

/** What WeChat's base styles give the built-in components (display, sizes). */
const BASE_CSS = `
html, body { margin: 0; padding: 0; }
wx-view, wx-scroll-view, wx-swiper, wx-swiper-item, wx-form, wx-page, wx-qr-canvas, wx-comp { display: block; }
wx-text, wx-label { display: inline; }
wx-text { white-space: pre-wrap; }
wx-image { display: inline-block; width: 320px; height: 240px; overflow: hidden; }
wx-image > img { width: 100%; height: 100%; display: block; }
wx-input { display: block; height: 1.4rem; min-height: 1.4rem; overflow: hidden; }
wx-input > input, wx-textarea > textarea { all: unset; width: 100%; height: 100%; font: inherit; color: inherit; }
wx-textarea { display: block; width: 300px; height: 150px; }
wx-button { display: block; position: relative; margin: 0 auto; padding: 0 14px; box-sizing: border-box; font-size: 18px;
  text-align: center; line-height: 2.55; border-radius: 5px; background: #f8f8f8; color: #000; }
wx-scroll-view { overflow: auto; }
wx-swiper { overflow: hidden; position: relative; height: 150px; }
wx-swiper > .sim-track { display: flex; height: 100%; }
wx-swiper-item { flex: 0 0 100%; height: 100%; }
wx-canvas { display: block; width: 300px; height: 150px; }
wx-canvas > canvas { width: 100%; height: 100%; display: block; }
[hidden] { display: none !important; }
`;

const MODES: Record<string, string> = {
  scaleToFill: 'fill',
  aspectFit: 'contain',
  aspectFill: 'cover',
  widthFix: 'cover',
  heightFix: 'cover',
};

function esc(s: unknown): string {
  return String(s ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

function hasHandler(e: VElement): boolean {
  return Object.keys(e.attr).some((k) => /^(bind|catch)(tap|input|confirm|blur|change|scroll)/.test(k));
}

export interface ViewModel {
  html: string;
  canvases: { key: string; width: number; height: number; ops: SimCanvas['ops'] }[];
}

/**
 * What an <image> shows: a path in the package (`/assets/…`, as WeChat reads it from the package)
 * becomes the file's bytes, since the page's document has no package to load it from; other
 * sources (data:, http:, wxfile:) as they are.
 */
function imageSource(sim: WeappSim, src: string): string {
  if (!src.startsWith('/')) return src;
  const root = path.resolve(sim.options.distDir);
  const file = path.join(root, src);
  if (!file.startsWith(root + path.sep) || !fs.existsSync(file)) return src;
  const type = path.extname(file) === '.svg' ? 'image/svg+xml' : `image/${path.extname(file).slice(1)}`;
  return `data:${type};base64,${fs.readFileSync(file).toString('base64')}`;
}

/** The tree as HTML; canvases by the key the simulator keeps their nodes under. */
export function treeToHtml(sim: WeappSim, root: VElement): ViewModel {
  const canvases: ViewModel['canvases'] = [];
  const walk = (n: VNode, pathKey: string, hostId: string): string => {
    if (!isElement(n)) return esc(n);
    const tag = n.tag === 'virtual' || n.tag === 'wx-block' ? '' : n.tag;
    const inner = (childHost: string) => n.children.map((c, i) => walk(c, `${pathKey}.${i}`, childHost)).join('');
    if (!tag) return inner(hostId);
    const a = n.attr;
    const attrs: string[] = [];
    if (a.class) attrs.push(`class="${esc(a.class)}"`);
    if (a.style) attrs.push(`style="${esc(a.style)}"`);
    if (a.id !== undefined) attrs.push(`data-wx-id="${esc(a.id)}"`);
    if (a.hidden === true) attrs.push('hidden');
    if (hasHandler(n)) attrs.push(`data-sim-path="${pathKey}"`);
    let content: string;
    switch (tag) {
      case 'wx-image':
        content = a.src
          ? `<img src="${esc(imageSource(sim, String(a.src)))}" style="object-fit:${MODES[String(a.mode)] ?? 'fill'}">`
          : '';
        break;
      case 'wx-input': {
        const type = a.password
          ? 'password'
          : a.type === 'digit' || a.type === 'number'
            ? 'text" inputmode="decimal'
            : 'text';
        content = `<input type="${type}" value="${esc(a.value)}" placeholder="${esc(a.placeholder)}"${a.disabled ? ' disabled' : ''}>`;
        break;
      }
      case 'wx-textarea':
        content = `<textarea placeholder="${esc(a.placeholder)}"${a.disabled ? ' disabled' : ''}>${esc(a.value)}</textarea>`;
        break;
      case 'wx-canvas': {
        const key = `${hostId}#${String(a.id)}`;
        const c = sim.canvasNodes.get(key);
        if (c) canvases.push({ key, width: c.width, height: c.height, ops: c.ops });
        content = `<canvas data-sim-canvas="${esc(key)}"></canvas>`;
        break;
      }
      case 'wx-swiper':
        content = `<div class="sim-track" style="transform:translateX(-${Number(a.current ?? 0) * 100}%)">${inner(hostId)}</div>`;
        break;
      default:
        // A native component's template draws inside its host element, its canvases keyed by it.
        content = inner(sim.isComponentHost(n) ? String(a.id) : hostId);
    }
    return `<${tag} ${attrs.join(' ')}>${content}</${tag}>`;
  };
  return { html: walk(root, 'r', 'page'), canvases };
}

/** The style code of `wcsc` for the app and the page on top (and its native components). */
export function stylesFor(sim: WeappSim): string[] {
  const styles = sim.styles();
  const route = sim.page().route;
  const files = ['app.wxss', `${route}.wxss`, ...sim.componentRoutes().map((r) => `${r}.wxss`)];
  return [styles.common, ...files.filter((f) => styles.files.has(f)).map((f) => `(${styles.files.get(f)!})();`)];
}

/**
 * Runs in the browser: replays each canvas's recorded drawing calls on a real 2D context. Kept as
 * source text (not a function's toString, which a TypeScript runner may rewrite).
 */
const REPLAY_CANVASES = `(function (list) {
  for (const c of list) {
    const el = document.querySelector('canvas[data-sim-canvas="' + CSS.escape(c.key) + '"]');
    if (!el) continue;
    el.width = c.width;
    el.height = c.height;
    const ctx = el.getContext('2d');
    for (const { op, args } of c.ops) {
      if (op.startsWith('set:')) ctx[op.slice(4)] = args[0];
      else if (typeof ctx[op] === 'function') ctx[op].apply(ctx, args);
    }
  }
})`;

/**
 * The phone's screen, which wcsc's rpx conversion reads: a frame in a desktop window would report
 * the desktop's screen, in landscape, whose height it then takes as the width.
 */
const PHONE_SCREEN = `<script>
Object.defineProperty(screen, 'width', { get: () => ${PHONE.screenWidth} });
Object.defineProperty(screen, 'height', { get: () => ${PHONE.screenHeight} });
Object.defineProperty(screen, 'orientation', { get: () => ({ type: 'portrait-primary', angle: 0 }) });
</script>`;

/** A whole document of the page on top: styles, body, and the canvases drawn once it loads. */
export function pageDocument(sim: WeappSim, extraHead = ''): string {
  const view = treeToHtml(sim, sim.render());
  const scripts = stylesFor(sim)
    .map((code) => `<script>${code.replace(/<\/script/gi, '<\\/script')}</script>`)
    .join('\n');
  const replay = `<script>${REPLAY_CANVASES}(${JSON.stringify(view.canvases).replace(/</g, '\\u003c')});</script>`;
  return `<!doctype html><html><head><meta charset="utf-8"><meta name="viewport" content="width=375">
<style>${BASE_CSS}</style>${PHONE_SCREEN}${scripts}${extraHead}</head><body>${view.html}${replay}</body></html>`;
}

/** Shows the page on top in a browser tab (375 pt wide) and takes its picture. */
export async function screenshotPage(
  sim: WeappSim,
  tab: {
    setContent(html: string): Promise<unknown>;
    screenshot(o: { path?: string; fullPage?: boolean }): Promise<Buffer>;
  },
  file?: string,
): Promise<Buffer> {
  await tab.setContent(pageDocument(sim));
  return tab.screenshot({ path: file, fullPage: true });
}
