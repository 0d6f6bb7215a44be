/**
 * A card face as drawing steps a 2D canvas can follow. Faces are stored as the SVG data URIs that
 * face-art.ts makes; WeChat takes no `data:` URI as a share card's image, and its canvas cannot
 * draw SVG, so the mini-program redraws the face from these steps into a PNG. This reads only the
 * small SVG vocabulary face-art.ts writes (svg, g, linearGradient/stop, rect, circle, ellipse,
 * path with M/L/H/V/C and their relative forms, text); anything else gives null (no share image,
 * never a wrong one).
 */

export type Point = [number, number];

export interface GradientStop {
  offset: number;
  color: string;
}

export type Paint =
  | { kind: 'color'; color: string; alpha: number }
  | { kind: 'gradient'; from: Point; to: Point; stops: GradientStop[]; alpha: number };

export type PathSegment =
  { cmd: 'M'; to: Point } | { cmd: 'L'; to: Point } | { cmd: 'C'; c1: Point; c2: Point; to: Point } | { cmd: 'Z' };

export type Shape =
  | {
      kind: 'rect';
      x: number;
      y: number;
      w: number;
      h: number;
      r: number;
      rotate?: { deg: number; cx: number; cy: number };
    }
  | { kind: 'ellipse'; cx: number; cy: number; rx: number; ry: number }
  | { kind: 'path'; segments: PathSegment[] };

export type DrawOp =
  | { op: 'fill'; shape: Shape; paint: Paint }
  | { op: 'stroke'; shape: Shape; paint: Paint; width: number; cap: 'butt' | 'round' | 'square' }
  | {
      op: 'text';
      x: number;
      y: number;
      text: string;
      size: number;
      bold: boolean;
      align: 'left' | 'center';
      paint: Paint;
    };

export interface FaceDrawing {
  width: number;
  height: number;
  ops: DrawOp[];
}

type Attrs = Record<string, string>;

const TAG = /<(\/?)([a-zA-Z]+)((?:\s+[\w:-]+="[^"]*")*)\s*(\/?)>|([^<]+)/g;
const ATTR = /([\w:-]+)="([^"]*)"/g;
const INHERITED = ['fill', 'fill-opacity', 'stroke', 'stroke-opacity', 'stroke-width', 'stroke-linecap'];

const unescape = (s: string): string =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');

function attrsOf(text: string): Attrs {
  const out: Attrs = {};
  for (const m of text.matchAll(ATTR)) out[m[1]!] = unescape(m[2]!);
  return out;
}

function num(v: string | undefined, fallback = 0): number {
  const n = v === undefined ? NaN : Number(v);
  return Number.isFinite(n) ? n : fallback;
}

/** The SVG text inside a face's data URI, or null when it is not one. */
export function svgOfDataUri(uri: string): string | null {
  const m = /^data:image\/svg\+xml(;charset=[\w-]+)?(;base64)?,(.*)$/s.exec(uri);
  if (!m) return null;
  try {
    return m[2] ? atob(m[3]!) : decodeURIComponent(m[3]!);
  } catch {
    return null;
  }
}

/** Absolute segments of an SVG path's `d` (M, L, H, V, C, Z and their relative forms). */
export function parsePath(d: string): PathSegment[] | null {
  // Any letter is a command (one this doesn't know makes the path unreadable, not skipped).
  const tokens = d.match(/-?(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?|[A-Za-z]/g) ?? [];
  const out: PathSegment[] = [];
  let cmd = '';
  let i = 0;
  let cur: Point = [0, 0];
  let start: Point = [0, 0];
  const next = (): number => {
    const t = tokens[i++];
    if (t === undefined || /[A-Za-z]/.test(t)) throw new Error('path: number expected');
    return Number(t);
  };
  try {
    while (i < tokens.length) {
      if (/[A-Za-z]/.test(tokens[i]!)) cmd = tokens[i++]!;
      else if (cmd === '' || cmd === 'Z' || cmd === 'z') return null;
      const rel = cmd === cmd.toLowerCase();
      const at = (x: number, y: number): Point => (rel ? [cur[0] + x, cur[1] + y] : [x, y]);
      switch (cmd.toUpperCase()) {
        case 'M':
          cur = at(next(), next());
          start = cur;
          out.push({ cmd: 'M', to: cur });
          // Further pairs after a moveto are linetos.
          cmd = rel ? 'l' : 'L';
          break;
        case 'L':
          cur = at(next(), next());
          out.push({ cmd: 'L', to: cur });
          break;
        case 'H': {
          const x = next();
          cur = [rel ? cur[0] + x : x, cur[1]];
          out.push({ cmd: 'L', to: cur });
          break;
        }
        case 'V': {
          const y = next();
          cur = [cur[0], rel ? cur[1] + y : y];
          out.push({ cmd: 'L', to: cur });
          break;
        }
        case 'C': {
          const c1 = at(next(), next());
          const c2 = at(next(), next());
          cur = at(next(), next());
          out.push({ cmd: 'C', c1, c2, to: cur });
          break;
        }
        case 'Z':
          out.push({ cmd: 'Z' });
          cur = start;
          break;
        default:
          return null;
      }
    }
  } catch {
    return null;
  }
  return out;
}

function rotation(transform: string | undefined): { deg: number; cx: number; cy: number } | undefined | null {
  if (transform === undefined) return undefined;
  const m = /^rotate\(\s*(-?[\d.]+)(?:[\s,]+(-?[\d.]+)[\s,]+(-?[\d.]+))?\s*\)$/.exec(transform.trim());
  return m ? { deg: Number(m[1]), cx: num(m[2]), cy: num(m[3]) } : null;
}

interface Gradient {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  stops: GradientStop[];
}

/**
 * The face's drawing steps, in the SVG's own coordinates, from its SVG text or a data: URI of it;
 * null for anything face-art.ts doesn't write.
 */
export function faceDrawing(image: string): FaceDrawing | null {
  const svg = image.startsWith('<svg') ? image : svgOfDataUri(image);
  if (!svg) return null;
  const gradients = new Map<string, Gradient>();
  const styles: Attrs[] = [{}];
  const ops: DrawOp[] = [];
  let size: { width: number; height: number } | null = null;
  let gradient: Gradient | null = null;
  let text: { attrs: Attrs; content: string } | null = null;

  const paintOf = (a: Attrs, which: 'fill' | 'stroke', box: { x: number; y: number; w: number; h: number }) => {
    const value = a[which] ?? (which === 'fill' ? '#000' : 'none');
    const alpha = num(a[`${which}-opacity`], 1);
    if (value === 'none') return null;
    const ref = /^url\(#([\w-]+)\)$/.exec(value);
    if (ref) {
      const g = gradients.get(ref[1]!);
      if (!g) return undefined;
      const from: Point = [box.x + g.x1 * box.w, box.y + g.y1 * box.h];
      const to: Point = [box.x + g.x2 * box.w, box.y + g.y2 * box.h];
      return { kind: 'gradient' as const, from, to, stops: g.stops, alpha };
    }
    return /^#[0-9a-fA-F]{3,8}$/.test(value) ? { kind: 'color' as const, color: value, alpha } : undefined;
  };

  /** Fill and stroke of a shape as its own and inherited attributes say; false when unreadable. */
  const draw = (own: Attrs, shape: Shape, box: { x: number; y: number; w: number; h: number }): boolean => {
    const a = { ...styles[styles.length - 1]!, ...own };
    const fill = paintOf(a, 'fill', box);
    const stroke = paintOf(a, 'stroke', box);
    if (fill === undefined || stroke === undefined) return false;
    if (fill) ops.push({ op: 'fill', shape, paint: fill });
    if (stroke) {
      const cap = a['stroke-linecap'];
      ops.push({
        op: 'stroke',
        shape,
        paint: stroke,
        width: num(a['stroke-width'], 1),
        cap: cap === 'round' || cap === 'square' ? cap : 'butt',
      });
    }
    return true;
  };

  for (const m of svg.matchAll(TAG)) {
    const [, closing, name, attrText, selfClosing, content] = m;
    if (content !== undefined) {
      if (text) text.content += content;
      else if (content.trim() !== '') return null;
      continue;
    }
    const a = attrsOf(attrText ?? '');
    const tag = name!;
    if (closing) {
      if (tag === 'g') styles.pop();
      if (tag === 'linearGradient') gradient = null;
      if (tag === 'text' && text) {
        const t = { ...styles[styles.length - 1]!, ...text.attrs };
        const paint = paintOf(t, 'fill', { x: 0, y: 0, w: 0, h: 0 });
        if (!paint) return null;
        ops.push({
          op: 'text',
          x: num(t.x),
          y: num(t.y),
          text: unescape(text.content),
          size: num(t['font-size'], 16),
          bold: t['font-weight'] === 'bold' || num(t['font-weight'], 400) >= 600,
          align: t['text-anchor'] === 'middle' ? 'center' : 'left',
          paint,
        });
        text = null;
      }
      continue;
    }
    switch (tag) {
      case 'svg':
        size = { width: num(a.width, 320), height: num(a.height, 200) };
        break;
      case 'defs':
        break;
      case 'g': {
        const inherited: Attrs = { ...styles[styles.length - 1]! };
        for (const k of INHERITED) if (a[k] !== undefined) inherited[k] = a[k]!;
        if (a.transform !== undefined) return null;
        if (!selfClosing) styles.push(inherited);
        break;
      }
      case 'linearGradient':
        gradient = { x1: num(a.x1), y1: num(a.y1), x2: num(a.x2, 1), y2: num(a.y2), stops: [] };
        if (a.id) gradients.set(a.id, gradient);
        break;
      case 'stop':
        if (!gradient || !a['stop-color']) return null;
        gradient.stops.push({ offset: num(a.offset), color: a['stop-color'] });
        break;
      case 'rect': {
        const rotate = rotation(a.transform);
        if (rotate === null) return null;
        const x = num(a.x);
        const y = num(a.y);
        const w = num(a.width);
        const h = num(a.height);
        const shape: Shape = { kind: 'rect', x, y, w, h, r: num(a.rx, num(a.ry)), ...(rotate ? { rotate } : {}) };
        if (!draw(a, shape, { x, y, w, h })) return null;
        break;
      }
      case 'circle':
      case 'ellipse': {
        const cx = num(a.cx);
        const cy = num(a.cy);
        const rx = tag === 'circle' ? num(a.r) : num(a.rx);
        const ry = tag === 'circle' ? num(a.r) : num(a.ry);
        const box = { x: cx - rx, y: cy - ry, w: 2 * rx, h: 2 * ry };
        if (!draw(a, { kind: 'ellipse', cx, cy, rx, ry }, box)) return null;
        break;
      }
      case 'path': {
        const segments = parsePath(a.d ?? '');
        if (!segments || a.transform !== undefined) return null;
        if (!draw(a, { kind: 'path', segments }, { x: 0, y: 0, w: 0, h: 0 })) return null;
        break;
      }
      case 'text':
        if (selfClosing) break;
        text = { attrs: a, content: '' };
        break;
      default:
        return null;
    }
  }
  return size && ops.length > 0 ? { ...size, ops } : null;
}

/** A gift's words as the card carries them: the blessing and the giver's name. */
export interface FaceMessage {
  blessing: string;
  from: string;
}

/** CJK characters that fit one line of the message panel at its font size. */
const MESSAGE_LINE_CHARS = 20;
const MESSAGE_LINES = 2;

/** The blessing in at most two lines of the panel, the second ending in … when it runs over. */
export function messageLines(blessing: string): string[] {
  const chars = [...blessing.trim()];
  const lines: string[] = [];
  for (let i = 0; i < chars.length && lines.length < MESSAGE_LINES; i += MESSAGE_LINE_CHARS)
    lines.push(chars.slice(i, i + MESSAGE_LINE_CHARS).join(''));
  if (chars.length > MESSAGE_LINE_CHARS * MESSAGE_LINES)
    lines[MESSAGE_LINES - 1] = `${[...lines[MESSAGE_LINES - 1]!].slice(0, -1).join('')}…`;
  return lines;
}

/**
 * The face with the gift's words on it, as the card face component shows them (components/card-face):
 * a light panel along the bottom with the blessing and "— name", so the share card's image shows
 * the friend what the claim page will.
 */
export function withMessage(face: FaceDrawing, message: FaceMessage): FaceDrawing {
  const lines = messageLines(message.blessing);
  const from = message.from.trim();
  if (lines.length === 0 && from === '') return face;
  const ink: Paint = { kind: 'color', color: '#3a2a1a', alpha: 1 };
  const h = 12 + lines.length * 19 + (from ? 17 : 0);
  const top = face.height - 10 - h;
  const ops: DrawOp[] = [
    {
      op: 'fill',
      shape: { kind: 'rect', x: 10, y: top, w: face.width - 20, h, r: 10 },
      paint: { kind: 'color', color: '#ffffff', alpha: 0.92 },
    },
    ...lines.map((text, i): DrawOp => ({
      op: 'text',
      x: 20,
      y: top + 24 + i * 19,
      text,
      size: 14,
      bold: false,
      align: 'left',
      paint: ink,
    })),
  ];
  if (from)
    ops.push({
      op: 'text',
      x: 20,
      y: top + h - 9,
      text: `— ${from}`,
      size: 12,
      bold: false,
      align: 'left',
      paint: { kind: 'color', color: '#7a6a5a', alpha: 1 },
    });
  return { ...face, ops: [...face.ops, ...ops] };
}
