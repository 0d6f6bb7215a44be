/**
 * The share card's image on the mini-program: a card face (an SVG data URI) becomes drawing steps,
 * is painted on an offscreen 2D canvas and exported as a PNG file (or encoded here and written to
 * the user data folder), once per face; never a data: URI.
 */
import { inflateSync } from 'node:zlib';
import Taro from '@tarojs/taro';
import { cardFaceArt, cardFaceSvg, svgDataUri } from '../../src/domain/face-art';
import { THEME_IDS, type ThemeId } from '../../src/domain/catalog';
import { faceDrawing, messageLines, parsePath, withMessage, type DrawOp } from '../../src/domain/face-drawing';
import {
  paintShareImage,
  SHARE_IMAGE,
  sharePlacement,
  type Canvas2D,
  type GradientLike,
} from '../../src/services/face-painter';
import { crc32, encodePng } from '../../src/services/png-encoder';
import { shareImageFor as h5ShareImage } from '../../src/services/share-image.h5';
import { shareImageFor } from '../../src/services/share-image.weapp';

/** The Taro mock's stand-ins (test/ui/mocks/taro.ts) this file drives. */
const taro = Taro as unknown as Record<
  'createOffscreenCanvas' | 'canvasToTempFilePath' | 'getFileSystemManager' | 'request',
  jest.Mock
>;

const faceInput = (title = '生日快乐', theme: ThemeId = 'birthday') => ({
  brandName: '蓝山 & <咖啡>',
  title,
  theme,
  colors: ['#c0392b', '#8e44ad'] as [string, string],
});
const face = (title = '生日快乐', theme: ThemeId = 'birthday') => cardFaceArt(faceInput(title, theme));

/** A Canvas 2D stand-in that records what is drawn. */
class RecordingCanvas implements Canvas2D {
  calls: string[] = [];
  texts: { text: string; font: string; x: number; y: number }[] = [];
  gradients: { from: number[]; stops: [number, string][] }[] = [];
  fills: (string | GradientLike)[] = [];
  fillStyle: string | GradientLike = '#000';
  strokeStyle: string | GradientLike = '#000';
  globalAlpha = 1;
  lineWidth = 1;
  lineCap: 'butt' | 'round' | 'square' = 'butt';
  font = '';
  textAlign: 'left' | 'center' = 'left';
  textBaseline = 'alphabetic' as const;
  private readonly rec =
    (name: string) =>
    (..._args: number[]): void => {
      this.calls.push(name);
    };
  save = this.rec('save');
  restore = this.rec('restore');
  translate = this.rec('translate');
  rotate = this.rec('rotate');
  scale = this.rec('scale');
  beginPath = this.rec('beginPath');
  closePath = this.rec('closePath');
  moveTo = this.rec('moveTo');
  lineTo = this.rec('lineTo');
  bezierCurveTo = this.rec('bezierCurveTo');
  arc = this.rec('arc');
  arcTo = this.rec('arcTo');
  stroke = this.rec('stroke');
  fill = (): void => {
    this.calls.push('fill');
    this.fills.push(this.fillStyle);
  };
  fillRect = (..._a: number[]): void => {
    this.calls.push('fillRect');
    this.fills.push(this.fillStyle);
  };
  fillText = (text: string, x: number, y: number): void => {
    this.calls.push('fillText');
    this.texts.push({ text, font: this.font, x, y });
  };
  createLinearGradient = (x0: number, y0: number, x1: number, y1: number): GradientLike => {
    const g = { from: [x0, y0, x1, y1], stops: [] as [number, string][] };
    this.gradients.push(g);
    return { addColorStop: (o: number, c: string) => void g.stops.push([o, c]) };
  };
  getImageData = (_x: number, _y: number, w: number, h: number) => ({ data: new Uint8ClampedArray(w * h * 4) });
}

describe('a face as drawing steps', () => {
  test.each(THEME_IDS)('should read every part of the %s face: ground, motif and its lines of text', (theme) => {
    const d = faceDrawing(face('生日快乐', theme))!;
    expect(d).toMatchObject({ width: 320, height: 200 });
    const [ground] = d.ops;
    expect(ground).toMatchObject({
      op: 'fill',
      shape: { kind: 'rect', x: 0, y: 0, w: 320, h: 200, r: 16 },
      paint: {
        kind: 'gradient',
        from: [0, 0],
        to: [320, 200],
        stops: [
          { offset: 0, color: '#c0392b' },
          { offset: 1, color: '#8e44ad' },
        ],
      },
    });
    const texts = d.ops.filter((o): o is Extract<DrawOp, { op: 'text' }> => o.op === 'text');
    // The card's own lines (春节's 福 is drawn as a character of its motif).
    expect(texts.map((t) => t.text).filter((t) => t !== '福')).toEqual(['蓝山 & <咖啡>', '生日快乐', '礼品卡']);
    expect(texts.find((t) => t.text === '生日快乐')).toMatchObject({
      x: 22,
      y: 172,
      size: 22,
      bold: true,
      paint: { color: '#fff', alpha: 1 },
    });
    expect(texts.some((t) => /GIFT|CARD/i.test(t.text))).toBe(false);
    // Beyond the ground and the text: the theme's illustration, a dozen shapes or more.
    expect(d.ops.length).toBeGreaterThan(15);
  });

  test('should draw each theme its own picture, with details in the brand’s colour', () => {
    const colors: [string, string] = ['#1f6f5c', '#4fb08f'];
    const art = THEME_IDS.map((theme) => cardFaceArt({ brandName: '蓝山咖啡', title: '', theme, colors }));
    expect(new Set(art).size).toBe(THEME_IDS.length);
    const branded = THEME_IDS.filter((theme) =>
      faceDrawing(cardFaceArt({ brandName: '蓝山咖啡', title: '', theme, colors }))!.ops.some(
        (o) => o.op !== 'text' && o.paint.kind === 'color' && o.paint.color === colors[0],
      ),
    );
    // Every theme but 节日 (a moon and red lanterns) paints some detail in the brand's colour.
    expect(branded).toEqual(THEME_IDS.filter((t) => t !== 'festival'));
  });

  test('should vary the ground by brand, so two brands’ faces of one theme differ beyond colour', () => {
    const colors: [string, string] = ['#c0392b', '#8e44ad'];
    const brands = ['蓝山咖啡', '蓉城老火锅', '书香里书店', '衣尚', '歌唱吧 KTV'];
    // The brand's name is drawn too: compare the pictures without it.
    const grounds = brands.map((brandName) =>
      decodeURIComponent(cardFaceArt({ brandName, title: '', theme: 'general', colors })).replace(brandName, ''),
    );
    expect(new Set(grounds).size).toBeGreaterThanOrEqual(4);
  });

  test('should keep a motif group’s stroke and opacity for its paths', () => {
    // The bouquet's three stems: one group's stroke, width, cap and opacity on each path.
    const stems = faceDrawing(face('谢谢', 'thanks'))!.ops.filter((o) => o.op === 'stroke' && o.width === 3);
    expect(stems).toHaveLength(3);
    for (const s of stems) expect(s).toMatchObject({ cap: 'round', paint: { color: '#fff', alpha: 0.9 } });
  });

  test('should write the gift’s blessing and the giver’s name on the face, two lines at most', () => {
    const d = withMessage(faceDrawing(face())!, {
      blessing: '愿你新的一岁，被喜欢的一切温柔包围。'.repeat(3),
      from: ' 小满 ',
    });
    const texts = d.ops.filter((o): o is Extract<DrawOp, { op: 'text' }> => o.op === 'text').map((t) => t.text);
    expect(texts.slice(3)).toEqual([...messageLines('愿你新的一岁，被喜欢的一切温柔包围。'.repeat(3)), '— 小满']);
    expect(texts[4]!.endsWith('…')).toBe(true);
    expect([...texts[3]!]).toHaveLength(20);
    expect(messageLines('生日快乐')).toEqual(['生日快乐']);
    const plain = faceDrawing(face())!;
    expect(withMessage(plain, { blessing: ' ', from: '' })).toBe(plain);
  });

  test('should turn relative path commands into absolute points', () => {
    expect(parsePath('M200 40 L300 140')).toEqual([
      { cmd: 'M', to: [200, 40] },
      { cmd: 'L', to: [300, 140] },
    ]);
    expect(parsePath('M10 10 c-24-30 -44-10 -30 4 h5 v-2z')).toEqual([
      { cmd: 'M', to: [10, 10] },
      { cmd: 'C', c1: [-14, -20], c2: [-34, 0], to: [-20, 14] },
      { cmd: 'L', to: [-15, 14] },
      { cmd: 'L', to: [-15, 12] },
      { cmd: 'Z' },
    ]);
    expect(parsePath('M1 2 Q3 4 5 6')).toBeNull();
  });

  test('should refuse what face-art.ts never writes rather than draw it wrong', () => {
    expect(faceDrawing('https://cdn.example.com/face.png')).toBeNull();
    expect(faceDrawing(svgDataUri('<svg width="10" height="10"><image href="x.png"/></svg>'))).toBeNull();
    expect(
      faceDrawing(svgDataUri('<svg width="10" height="10"><rect width="5" height="5" fill="url(#none)"/></svg>')),
    ).toBeNull();
    expect(faceDrawing('data:image/svg+xml;charset=utf-8,%E0%A4%A')).toBeNull();
  });
});

describe('painting the share image', () => {
  test('should paint the ground, then the face centred at 5 : 4 with its gradient and text', () => {
    const ctx = new RecordingCanvas();
    const d = faceDrawing(face())!;
    paintShareImage(ctx, d);
    expect(ctx.fills[0]).toBe(SHARE_IMAGE.background);
    expect(ctx.gradients[0]!.stops).toEqual([
      [0, '#c0392b'],
      [1, '#8e44ad'],
    ]);
    expect(ctx.texts.map((t) => t.text)).toEqual(['蓝山 & <咖啡>', '生日快乐', '礼品卡']);
    expect(ctx.texts[1]!.font).toBe('bold 22px sans-serif');
    expect(ctx.calls.filter((c) => c === 'save').length).toBe(ctx.calls.filter((c) => c === 'restore').length);
    const p = sharePlacement(d);
    expect(p.x * 2 + d.width * p.scale).toBeCloseTo(SHARE_IMAGE.width);
    expect(p.y * 2 + d.height * p.scale).toBeCloseTo(SHARE_IMAGE.height);
  });
});

describe('the PNG encoder', () => {
  test('should write a PNG whose header, checksums and pixels read back', () => {
    const rgba = Uint8Array.from([255, 0, 0, 255, 0, 255, 0, 128, 0, 0, 255, 255, 1, 2, 3, 4]);
    const png = encodePng(2, 2, rgba);
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const view = new DataView(png.buffer, png.byteOffset);
    const chunks: { type: string; data: Uint8Array }[] = [];
    for (let o = 8; o < png.length;) {
      const len = view.getUint32(o);
      const type = String.fromCharCode(...png.subarray(o + 4, o + 8));
      expect(view.getUint32(o + 8 + len)).toBe(crc32(png, o + 4, o + 8 + len));
      chunks.push({ type, data: png.subarray(o + 8, o + 8 + len) });
      o += 12 + len;
    }
    expect(chunks.map((c) => c.type)).toEqual(['IHDR', 'IDAT', 'IEND']);
    expect([...chunks[0]!.data]).toEqual([0, 0, 0, 2, 0, 0, 0, 2, 8, 6, 0, 0, 0]);
    const raw = inflateSync(chunks[1]!.data);
    expect([...raw]).toEqual([0, ...rgba.subarray(0, 8), 0, ...rgba.subarray(8)]);
  });

  test('should split pixels past 64 kB into several stored blocks that inflate whole', () => {
    const rgba = new Uint8Array(200 * 100 * 4).map((_, i) => i % 251);
    const png = encodePng(200, 100, rgba);
    const idatAt = 8 + 25;
    const len = new DataView(png.buffer).getUint32(idatAt);
    expect(inflateSync(png.subarray(idatAt + 8, idatAt + 8 + len)).length).toBe(100 * (200 * 4 + 1));
    expect(() => encodePng(2, 2, new Uint8Array(3))).toThrow('width × height × 4');
  });
});

describe('the share image service', () => {
  let written: Map<string, ArrayBuffer>;
  let canvas: RecordingCanvas;

  beforeEach(() => {
    written = new Map();
    canvas = new RecordingCanvas();
    taro.createOffscreenCanvas.mockReset().mockImplementation(() => ({ getContext: () => canvas }));
    taro.canvasToTempFilePath.mockReset().mockResolvedValue({ tempFilePath: 'wxfile://tmp/face.png' });
    taro.getFileSystemManager.mockReset().mockReturnValue({
      accessSync: (p: string) => {
        if (!written.has(p)) throw new Error('no such file');
      },
      writeFileSync: (p: string, data: ArrayBuffer) => written.set(p, data),
    });
  });

  test('should export the painted face as a PNG file once per face, never as a data: URI', async () => {
    const image = face('一次就好');
    const url = await shareImageFor(image);
    expect(url).toBe('wxfile://tmp/face.png');
    expect(taro.createOffscreenCanvas).toHaveBeenCalledWith({ type: '2d', width: 500, height: 400 });
    expect(taro.canvasToTempFilePath).toHaveBeenCalledWith(expect.objectContaining({ fileType: 'png' }));
    expect(canvas.texts.map((t) => t.text)).toContain('一次就好');
    expect(await shareImageFor(image)).toBe(url);
    expect(taro.createOffscreenCanvas).toHaveBeenCalledTimes(1);
  });

  test('should paint the gift’s words on the share image, one image per face and words', async () => {
    const image = face('带祝福');
    await shareImageFor(image, { blessing: '生日快乐呀', from: '小满' });
    expect(canvas.texts.map((t) => t.text)).toEqual(expect.arrayContaining(['带祝福', '生日快乐呀', '— 小满']));
    await shareImageFor(image, { blessing: '生日快乐呀', from: '小满' });
    expect(taro.createOffscreenCanvas).toHaveBeenCalledTimes(1);
    await shareImageFor(image, { blessing: '换一句', from: '小满' });
    expect(taro.createOffscreenCanvas).toHaveBeenCalledTimes(2);
  });

  test('should write the PNG bytes to the user data folder where the canvas cannot be exported', async () => {
    taro.canvasToTempFilePath.mockRejectedValue(new Error('canvasToTempFilePath:fail'));
    const url = await shareImageFor(face('写入文件'));
    expect(url).toMatch(/^wxfile:\/\/usr\/share-face-[0-9a-f]+\.png$/);
    const bytes = new Uint8Array(written.get(url!)!);
    expect([...bytes.subarray(1, 4)]).toEqual([0x50, 0x4e, 0x47]);
    expect(bytes.length).toBeGreaterThan(500 * 400 * 4);
  });

  test('should read a face stored in cloud storage by its link and draw it, as WeChat takes no SVG share image', async () => {
    const link = 'https://7072-env.tcb.qcloud.la/faces/0123abcd.svg';
    taro.request.mockReset().mockResolvedValue({ statusCode: 200, data: cardFaceSvg(faceInput('存储的卡面')) });
    const url = await shareImageFor(link, { blessing: '收好啦', from: '小满' });
    expect(url).toBe('wxfile://tmp/face.png');
    expect(taro.request).toHaveBeenCalledWith(expect.objectContaining({ url: link, dataType: 'text' }));
    expect(canvas.texts.map((t) => t.text)).toEqual(expect.arrayContaining(['存储的卡面', '收好啦', '— 小满']));
    // A link that answers no SVG gives no image (WeChat then shows the page), never the SVG link itself.
    taro.request.mockResolvedValue({ statusCode: 404, data: '' });
    expect(await shareImageFor('https://7072-env.tcb.qcloud.la/faces/gone.svg')).toBeUndefined();
  });

  test('should give a network face as is, and no image for a face it cannot draw', async () => {
    expect(await shareImageFor('https://cdn.example.com/face.png')).toBe('https://cdn.example.com/face.png');
    expect(await shareImageFor(svgDataUri('<svg width="1" height="1"><image/></svg>'))).toBeUndefined();
    taro.createOffscreenCanvas.mockImplementation(() => {
      throw new Error('createOffscreenCanvas:fail');
    });
    expect(await shareImageFor(face('画不出'))).toBeUndefined();
    expect(await shareImageFor('')).toBeUndefined();
  });

  test('should give H5 a network face as is and nothing for a data: face', async () => {
    expect(await h5ShareImage('https://cdn.example.com/face.png')).toBe('https://cdn.example.com/face.png');
    expect(await h5ShareImage(face())).toBeUndefined();
  });
});
