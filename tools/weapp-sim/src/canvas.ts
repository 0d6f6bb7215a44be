/**
 * A Canvas 2D node for the logic layer, which has no graphics: the context records every drawing
 * call (for the render layer to replay on a real canvas in Chromium) and fills rectangles into an
 * RGBA buffer, so a test can read a QR code back without a browser. Setting width or height clears
 * both, as on a real canvas.
 */
export interface CanvasOp {
  /** A method called, or `set:<property>` for a property assigned. */
  op: string;
  args: unknown[];
}

export class SimCanvas {
  private w: number;
  private h: number;
  pixels: Uint8ClampedArray;
  ops: CanvasOp[] = [];
  private readonly context: Record<string, unknown>;
  private fill: [number, number, number, number] = [0, 0, 0, 255];
  /** Bumped on every drawing call, so the render layer knows when to repaint. */
  version = 0;

  constructor(width = 300, height = 150) {
    this.w = width;
    this.h = height;
    this.pixels = new Uint8ClampedArray(width * height * 4);
    this.context = this.makeContext();
  }

  get width(): number {
    return this.w;
  }
  set width(v: number) {
    this.resize(v, this.h);
  }
  get height(): number {
    return this.h;
  }
  set height(v: number) {
    this.resize(this.w, v);
  }

  getContext(type: string): Record<string, unknown> {
    if (type !== '2d') throw new Error(`weapp-sim: canvas.getContext('${type}') is not simulated (only '2d')`);
    return this.context;
  }

  createImage(): { src: string; width: number; height: number; onload?: () => void; onerror?: () => void } {
    const image: { src: string; width: number; height: number; onload?: () => void; onerror?: () => void } = {
      src: '',
      width: 0,
      height: 0,
    };
    let src = '';
    Object.defineProperty(image, 'src', {
      get: () => src,
      set: (v: string) => {
        src = v;
        setTimeout(() => image.onload?.(), 0);
      },
    });
    return image;
  }

  private resize(w: number, h: number): void {
    this.w = Math.floor(w);
    this.h = Math.floor(h);
    this.pixels = new Uint8ClampedArray(this.w * this.h * 4);
    this.ops = [];
    this.version++;
  }

  private paint(x: number, y: number, w: number, h: number, rgba: readonly number[]): void {
    const x0 = Math.max(0, Math.round(x));
    const y0 = Math.max(0, Math.round(y));
    const x1 = Math.min(this.w, Math.round(x + w));
    const y1 = Math.min(this.h, Math.round(y + h));
    for (let yy = y0; yy < y1; yy++) {
      for (let xx = x0; xx < x1; xx++) this.pixels.set(rgba, (yy * this.w + xx) * 4);
    }
  }

  private makeContext(): Record<string, unknown> {
    const state: Record<string, unknown> = {};
    const record = (op: string, args: unknown[]): void => {
      this.ops.push({ op, args });
      this.version++;
    };
    const methods: Record<string, (...args: unknown[]) => unknown> = {
      fillRect: (x, y, w, h) => {
        record('fillRect', [x, y, w, h]);
        this.paint(Number(x), Number(y), Number(w), Number(h), this.fill);
      },
      clearRect: (x, y, w, h) => {
        record('clearRect', [x, y, w, h]);
        this.paint(Number(x), Number(y), Number(w), Number(h), [0, 0, 0, 0]);
      },
      getImageData: (x, y, w, h) => {
        const data = new Uint8ClampedArray(Number(w) * Number(h) * 4);
        for (let yy = 0; yy < Number(h); yy++) {
          const from = ((Number(y) + yy) * this.w + Number(x)) * 4;
          data.set(this.pixels.subarray(from, from + Number(w) * 4), yy * Number(w) * 4);
        }
        return { data, width: w, height: h };
      },
      measureText: (text) => ({ width: String(text).length * 12 }),
      createLinearGradient: (...args) => gradient('createLinearGradient', args),
      createRadialGradient: (...args) => gradient('createRadialGradient', args),
    };
    const gradient = (op: string, args: unknown[]): Record<string, unknown> => {
      const stops: unknown[][] = [];
      record(op, args);
      return { __gradient: { op, args, stops }, addColorStop: (...s: unknown[]) => stops.push(s) };
    };
    return new Proxy(state, {
      get: (target, key) => {
        if (typeof key !== 'string') return undefined;
        if (key in methods) return methods[key];
        if (key in target) return target[key];
        // Any other drawing call (paths, arcs, text, images) is recorded for the render layer.
        return (...args: unknown[]) => record(key, args);
      },
      set: (target, key, value) => {
        if (typeof key !== 'string') return false;
        target[key] = value;
        record(`set:${key}`, [value]);
        if (key === 'fillStyle' && typeof value === 'string') {
          const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(value);
          if (m) this.fill = [parseInt(m[1]!, 16), parseInt(m[2]!, 16), parseInt(m[3]!, 16), 255];
        }
        return true;
      },
    });
  }
}
