/**
 * The native in-store QR canvas under miniprogram-simulate, inside a host component that binds it
 * the way Taro's template does (dashed attributes, bind:event): what it draws decodes to the payload,
 * it redraws on a new code, it says when a code is due by the cloud's clock, and it stops its timer.
 */
import path from 'path';
import jsQR from 'jsqr';
import simulate from 'miniprogram-simulate';
import { qrModules } from '../../src/components/qr-matrix';
import { RasterCanvas } from './raster-canvas';

// Loaded once: miniprogram-simulate runs the component's JS through require, which Jest caches.
const QR_CANVAS = simulate.load(path.resolve(__dirname, '../../src/components/native/qr-canvas/index'));
const CLOUD_NOW = Date.UTC(2026, 10, 22, 4, 0, 0);
const PHONE_AHEAD = 5 * 60_000;

type Sent = { name: string; detail: Record<string, number> };
type Code = { text: string; now: number; refreshAt: number; expiresAt: number };

function code(text: string, now: number, refreshIn: number, expiresIn = 60_000): Code {
  return { text, now, refreshAt: refreshIn ? now + refreshIn : 0, expiresAt: now + expiresIn };
}

function props({ text, now, refreshAt, expiresAt }: Code) {
  return { ...qrModules(text), now, refreshAt, expiresAt };
}

/**
 * miniprogram-simulate's selector query answers fields({ node: true }) without a node (j-component's
 * SelectorQuery knows no Canvas 2D). This query is the real one, so the selector must still match the
 * component's template, with the test's canvas added to what it finds.
 */
function provideCanvas(instance: { createSelectorQuery(): unknown }, canvas: RasterCanvas): void {
  const real = instance.createSelectorQuery.bind(instance) as () => {
    exec(cb: (res: (object | null)[]) => void): void;
  };
  instance.createSelectorQuery = () => {
    const query = real();
    const exec = query.exec.bind(query);
    query.exec = (cb) => exec((res) => cb(res.map((found) => found && { ...found, node: canvas })));
    return query;
  };
}

function mount(first: Code) {
  const sent: Sent[] = [];
  const record = (name: string) => (e: { detail: Record<string, number> }) =>
    void sent.push({ name, detail: e.detail });
  const host = simulate.load({
    template:
      '<qr-canvas id="pay" matrix="{{matrix}}" side="{{side}}" size="{{size}}" expires-at="{{expiresAt}}"' +
      ' refresh-at="{{refreshAt}}" now="{{now}}" bind:render="onRender" bind:tick="onTick" bind:expire="onExpire" />',
    usingComponents: { 'qr-canvas': QR_CANVAS },
    data: { ...props(first), size: 220 },
    methods: { onRender: record('render'), onTick: record('tick'), onExpire: record('expire') },
  });
  const root = simulate.render(host);
  const qr = root.querySelector('#pay')!;
  const canvas = new RasterCanvas();
  provideCanvas(qr.instance, canvas);
  root.attach(document.createElement('div'));
  const named = (name: string) => sent.filter((e) => e.name === name).map((e) => e.detail);
  const show = (next: Code) => root.setData(props(next));
  return { root, qr, canvas, named, show };
}

/** The page showing or hiding; j-component has this at run time, its typings leave it out. */
function page(qr: object, lifetime: 'show' | 'hide'): void {
  (qr as { triggerPageLifeTime(name: string): void }).triggerPageLifeTime(lifetime);
}

/** What a scanner reads off the canvas; dark-on-light only, as a cashier's scanner expects. */
function scan(canvas: RasterCanvas): string | undefined {
  return jsQR(canvas.pixels, canvas.width, canvas.height, { inversionAttempts: 'dontInvert' })?.data;
}

/** The selector query's callback runs in a microtask; let it and the drawing finish. */
async function settle(): Promise<void> {
  await jest.advanceTimersByTimeAsync(0);
}

beforeEach(() => {
  // The phone's clock is 5 minutes fast: every time the component decides must come from the cloud's.
  jest.useFakeTimers({ now: CLOUD_NOW + PHONE_AHEAD });
});

afterEach(() => {
  jest.useRealTimers();
});

test('should draw a code a scanner reads back as the payload, on a 2d canvas at device resolution', async () => {
  const text = 'GCP1.6214583011274490.0123456789abcdef';
  const { qr, canvas, named } = mount(code(text, CLOUD_NOW, 50_000));
  await settle();

  expect(qr.toJSON().children[0]).toMatchObject({
    tagName: 'wx-canvas',
    attrs: expect.arrayContaining([{ name: 'type', value: '2d' }]),
  });
  expect(named('render')).toEqual([{ side: qrModules(text).side }]);
  // 220 CSS px at the simulator's pixel ratio of 3.
  expect([canvas.width, canvas.height]).toEqual([660, 660]);
  expect(scan(canvas)).toBe(text);

  // Black on white, with at least 4 modules of white all round.
  const { side } = qrModules(text);
  const colours = new Set<string>();
  let [left, top, right, bottom] = [canvas.width, canvas.height, -1, -1];
  for (let y = 0; y < canvas.height; y++)
    for (let x = 0; x < canvas.width; x++) {
      const i = (y * canvas.width + x) * 4;
      colours.add(canvas.pixels.subarray(i, i + 4).join());
      if (canvas.pixels[i] !== 0) continue;
      [left, top, right, bottom] = [Math.min(left, x), Math.min(top, y), Math.max(right, x), Math.max(bottom, y)];
    }
  expect([...colours].sort()).toEqual(['0,0,0,255', '255,255,255,255']);
  const module = (right - left + 1) / side;
  expect(Math.min(left, top, canvas.width - 1 - right, canvas.height - 1 - bottom)).toBeGreaterThanOrEqual(4 * module);
});

test('should redraw each new code, bigger or smaller, and say so each time', async () => {
  const first = 'GCP1.6214583011274490.0123456789abcdef';
  const second = `GCP1.6214583011274490.${'f'.repeat(80)}`;
  const { canvas, named, show } = mount(code(first, CLOUD_NOW, 50_000));
  await settle();
  expect(scan(canvas)).toBe(first);

  show(code(second, CLOUD_NOW + 1_000, 50_000));
  await settle();
  expect(qrModules(second).side).toBeGreaterThan(qrModules(first).side);
  expect(scan(canvas)).toBe(second);

  show(code(first, CLOUD_NOW + 2_000, 50_000));
  await settle();
  expect(scan(canvas)).toBe(first);
  expect(named('render')).toEqual([first, second, first].map((t) => ({ side: qrModules(t).side })));
});

test('should count down and expire each code once, when the cloud says it is due', async () => {
  // Due 50.5 s after the cloud answered: whole seconds left, rounded up, and the expiry on the dot.
  const first = code('GCP1.6214583011274490.0123456789abcdef', CLOUD_NOW, 50_500);
  const { qr, named, show } = mount(first);
  await settle();
  expect(named('tick')).toEqual([{ secondsLeft: 51 }]);

  // The same code set again changes nothing, though WeChat runs observers on every setData of a field.
  await jest.advanceTimersByTimeAsync(30_000);
  qr.setData(props(first));
  await jest.advanceTimersByTimeAsync(20_499);
  expect(named('expire')).toEqual([]);
  await jest.advanceTimersByTimeAsync(1);
  expect(named('expire')).toEqual([{ expiresAt: first.expiresAt }]);
  expect(named('tick').map((t) => t.secondsLeft)).toEqual(Array.from({ length: 52 }, (_, i) => 51 - i));

  // Nothing more for a code already due, even past its expiry.
  await jest.advanceTimersByTimeAsync(30_000);
  expect(named('expire')).toHaveLength(1);
  expect(named('tick')).toHaveLength(52);

  // The next code (no refresh time of its own) is due at its expiry.
  const next = code('GCP1.6214583011274490.fedcba9876543210', CLOUD_NOW + 81_000, 0, 60_000);
  show(next);
  await settle();
  expect(named('tick').slice(52)).toEqual([{ secondsLeft: 60 }]);
  await jest.advanceTimersByTimeAsync(59_999);
  expect(named('expire')).toHaveLength(1);
  await jest.advanceTimersByTimeAsync(1);
  expect(named('expire')).toEqual([{ expiresAt: first.expiresAt }, { expiresAt: next.expiresAt }]);
});

test('should keep no timer once detached, nor while its page is hidden', async () => {
  const first = code('GCP1.6214583011274490.0123456789abcdef', CLOUD_NOW, 50_000);
  const { root, qr, named } = mount(first);
  await settle();
  expect(jest.getTimerCount()).toBe(1);

  page(qr, 'hide');
  expect(jest.getTimerCount()).toBe(0);
  await jest.advanceTimersByTimeAsync(55_000);
  expect(named('expire')).toEqual([]);
  // Back on screen after the code fell due: it expires at once, so the page fetches the next.
  page(qr, 'show');
  expect(named('expire')).toEqual([{ expiresAt: first.expiresAt }]);
  expect(jest.getTimerCount()).toBe(0);
  // Once per code, however often the page comes back.
  page(qr, 'hide');
  page(qr, 'show');
  expect(named('expire')).toHaveLength(1);

  root.setData(props(code('GCP1.6214583011274490.fedcba9876543210', CLOUD_NOW + 56_000, 50_000)));
  await settle();
  expect(jest.getTimerCount()).toBe(1);
  const ticks = named('tick').length;
  root.detach();
  expect(jest.getTimerCount()).toBe(0);
  await jest.advanceTimersByTimeAsync(120_000);
  expect(named('tick')).toHaveLength(ticks);
  expect(named('expire')).toHaveLength(1);
});
