/**
 * Follows a face's drawing steps (domain/face-drawing.ts) on a 2D canvas context: the share image
 * of the mini-program is painted this way. Only the slice of the Canvas 2D API below is used, so a
 * recording stand-in can check the painting in tests.
 */
import type { DrawOp, FaceDrawing, Paint, Shape } from '../domain/face-drawing';

export interface GradientLike {
  addColorStop(offset: number, color: string): void;
}

/** The part of CanvasRenderingContext2D (web and WeChat's Canvas 2D) the painter uses. */
export interface Canvas2D {
  fillStyle: string | GradientLike;
  strokeStyle: string | GradientLike;
  globalAlpha: number;
  lineWidth: number;
  lineCap: 'butt' | 'round' | 'square';
  font: string;
  textAlign: 'left' | 'center';
  textBaseline: 'alphabetic';
  save(): void;
  restore(): void;
  translate(x: number, y: number): void;
  rotate(radians: number): void;
  scale(x: number, y: number): void;
  beginPath(): void;
  closePath(): void;
  moveTo(x: number, y: number): void;
  lineTo(x: number, y: number): void;
  bezierCurveTo(c1x: number, c1y: number, c2x: number, c2y: number, x: number, y: number): void;
  arc(x: number, y: number, r: number, start: number, end: number): void;
  arcTo(x1: number, y1: number, x2: number, y2: number, r: number): void;
  fill(): void;
  stroke(): void;
  fillRect(x: number, y: number, w: number, h: number): void;
  fillText(text: string, x: number, y: number): void;
  createLinearGradient(x0: number, y0: number, x1: number, y1: number): GradientLike;
}

/** Where the face goes on the image: its top-left corner and its scale. */
export interface Placement {
  x: number;
  y: number;
  scale: number;
}

/** The share card's image: 5 : 4, as WeChat shows it, the face centred on a light ground. */
export const SHARE_IMAGE = { width: 500, height: 400, background: '#f4f1ec', margin: 24 };

export function sharePlacement(face: Pick<FaceDrawing, 'width' | 'height'>): Placement {
  const scale = Math.min(
    (SHARE_IMAGE.width - 2 * SHARE_IMAGE.margin) / face.width,
    (SHARE_IMAGE.height - 2 * SHARE_IMAGE.margin) / face.height,
  );
  return {
    x: (SHARE_IMAGE.width - face.width * scale) / 2,
    y: (SHARE_IMAGE.height - face.height * scale) / 2,
    scale,
  };
}

function style(ctx: Canvas2D, paint: Paint): string | GradientLike {
  ctx.globalAlpha = paint.alpha;
  if (paint.kind === 'color') return paint.color;
  const g = ctx.createLinearGradient(paint.from[0], paint.from[1], paint.to[0], paint.to[1]);
  for (const s of paint.stops) g.addColorStop(s.offset, s.color);
  return g;
}

function trace(ctx: Canvas2D, shape: Shape): void {
  ctx.beginPath();
  if (shape.kind === 'rect') {
    const { x, y, w, h } = shape;
    const r = Math.min(shape.r, w / 2, h / 2);
    if (shape.rotate) {
      ctx.translate(shape.rotate.cx, shape.rotate.cy);
      ctx.rotate((shape.rotate.deg * Math.PI) / 180);
      ctx.translate(-shape.rotate.cx, -shape.rotate.cy);
    }
    ctx.moveTo(x + r, y);
    ctx.arcTo(x + w, y, x + w, y + h, r);
    ctx.arcTo(x + w, y + h, x, y + h, r);
    ctx.arcTo(x, y + h, x, y, r);
    ctx.arcTo(x, y, x + w, y, r);
    ctx.closePath();
  } else if (shape.kind === 'ellipse') {
    // arc on a scaled unit circle: the Canvas 2D ellipse() is missing on some WeChat clients.
    ctx.translate(shape.cx, shape.cy);
    ctx.scale(shape.rx, shape.ry);
    ctx.arc(0, 0, 1, 0, 2 * Math.PI);
    ctx.scale(1 / shape.rx, 1 / shape.ry);
    ctx.translate(-shape.cx, -shape.cy);
    ctx.closePath();
  } else {
    for (const s of shape.segments) {
      if (s.cmd === 'M') ctx.moveTo(s.to[0], s.to[1]);
      else if (s.cmd === 'L') ctx.lineTo(s.to[0], s.to[1]);
      else if (s.cmd === 'C') ctx.bezierCurveTo(s.c1[0], s.c1[1], s.c2[0], s.c2[1], s.to[0], s.to[1]);
      else ctx.closePath();
    }
  }
}

function step(ctx: Canvas2D, op: DrawOp): void {
  ctx.save();
  if (op.op === 'text') {
    ctx.fillStyle = style(ctx, op.paint);
    ctx.font = `${op.bold ? 'bold ' : ''}${op.size}px sans-serif`;
    ctx.textAlign = op.align;
    ctx.textBaseline = 'alphabetic';
    ctx.fillText(op.text, op.x, op.y);
  } else if (op.op === 'fill') {
    ctx.fillStyle = style(ctx, op.paint);
    trace(ctx, op.shape);
    ctx.fill();
  } else {
    ctx.strokeStyle = style(ctx, op.paint);
    ctx.lineWidth = op.width;
    ctx.lineCap = op.cap;
    trace(ctx, op.shape);
    ctx.stroke();
  }
  ctx.restore();
}

/** Paints the share image: the ground, then the face at `placement`. */
export function paintShareImage(ctx: Canvas2D, face: FaceDrawing, placement: Placement = sharePlacement(face)): void {
  ctx.save();
  ctx.globalAlpha = 1;
  ctx.fillStyle = SHARE_IMAGE.background;
  ctx.fillRect(0, 0, SHARE_IMAGE.width, SHARE_IMAGE.height);
  ctx.translate(placement.x, placement.y);
  ctx.scale(placement.scale, placement.scale);
  for (const op of face.ops) step(ctx, op);
  ctx.restore();
}
