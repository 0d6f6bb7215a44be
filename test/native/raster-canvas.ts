/**
 * A Canvas 2D node for jsdom, which has none: its context fills rectangles into an RGBA buffer, so a
 * test can read the drawing back with a QR decoder. It has only what the QR canvas draws with
 * (fillStyle as #rrggbb, fillRect, clearRect); anything else is undefined and fails the test.
 */
export class RasterCanvas {
  private w = 300;
  private h = 150;
  /** RGBA, row by row; transparent black where nothing was drawn, as on a real canvas. */
  pixels = new Uint8ClampedArray(this.w * this.h * 4);
  private readonly context = new RasterContext(this);

  get width(): number {
    return this.w;
  }

  set width(value: number) {
    this.resize(value, this.h);
  }

  get height(): number {
    return this.h;
  }

  set height(value: number) {
    this.resize(this.w, value);
  }

  getContext(type: string): RasterContext {
    if (type !== '2d') throw new Error(`no ${type} context`);
    return this.context;
  }

  /** Like a real canvas, setting either dimension clears the bitmap. */
  private resize(w: number, h: number): void {
    this.w = Math.floor(w);
    this.h = Math.floor(h);
    this.pixels = new Uint8ClampedArray(this.w * this.h * 4);
  }
}

export class RasterContext {
  private rgba: [number, number, number, number] = [0, 0, 0, 255];

  constructor(private readonly canvas: RasterCanvas) {}

  set fillStyle(color: string) {
    const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(color);
    if (!m) throw new Error(`unsupported fillStyle ${color}`);
    this.rgba = [parseInt(m[1]!, 16), parseInt(m[2]!, 16), parseInt(m[3]!, 16), 255];
  }

  fillRect(x: number, y: number, w: number, h: number): void {
    this.paint(x, y, w, h, this.rgba);
  }

  clearRect(x: number, y: number, w: number, h: number): void {
    this.paint(x, y, w, h, [0, 0, 0, 0]);
  }

  /** Whole-pixel rectangles, clipped to the bitmap: the QR canvas draws on device pixels. */
  private paint(x: number, y: number, w: number, h: number, rgba: readonly number[]): void {
    const { width, height, pixels } = this.canvas;
    for (let py = Math.max(0, Math.round(y)); py < Math.min(height, Math.round(y + h)); py++)
      for (let px = Math.max(0, Math.round(x)); px < Math.min(width, Math.round(x + w)); px++)
        pixels.set(rgba, (py * width + px) * 4);
  }
}
