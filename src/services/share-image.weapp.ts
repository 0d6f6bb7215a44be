/**
 * Mini-program: the share card's image is a PNG file of the card face. WeChat takes neither a data:
 * URI nor an SVG as `imageUrl` (PNG and JPG only), and faces are SVG — files in cloud storage, read
 * here by their link, or data URIs — so the face is redrawn from its drawing steps on an
 * offscreen 2D canvas — with the gift's blessing and the giver's name on it, as the claim page shows
 * them — and exported with canvasToTempFilePath; a client that can't export an
 * offscreen canvas gets the pixels encoded as PNG and written under USER_DATA_PATH. Made once per
 * face and message (kept in memory for the session, and the written file across sessions); any failure means
 * no image, and WeChat then shows a screenshot of the page as it does by default.
 */
import Taro from '@tarojs/taro';
import { faceDrawing, withMessage, type FaceMessage } from '../domain/face-drawing';
import { paintShareImage, SHARE_IMAGE, type Canvas2D } from './face-painter';
import { encodePng } from './png-encoder';
import type { ShareImageFor } from './share-image-types';

type PixelCanvas2D = Canvas2D & {
  getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray };
};

const made = new Map<string, Promise<string | undefined>>();

/** FNV-1a of the face: a short, stable file name for it. */
export function faceKey(image: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < image.length; i++) h = Math.imul(h ^ image.charCodeAt(i), 0x01000193);
  return `${(h >>> 0).toString(16).padStart(8, '0')}${image.length.toString(16)}`;
}

/** A face's SVG stored in cloud storage, by its link (served as the picture's text). */
async function svgAt(url: string): Promise<string | null> {
  const res = await Taro.request<unknown>({ url, method: 'GET', dataType: 'text', responseType: 'text' });
  return res.statusCode === 200 && typeof res.data === 'string' ? res.data : null;
}

/** A network picture whose path ends in .svg: a face kept in cloud storage. */
const isSvgLink = (image: string): boolean => /^https?:\/\/[^?#]+\.svg(?:[?#]|$)/i.test(image);

async function render(image: string, message: FaceMessage | undefined, key: string): Promise<string | undefined> {
  const fs = Taro.getFileSystemManager();
  const file = Taro.env.USER_DATA_PATH ? `${Taro.env.USER_DATA_PATH}/share-face-${key}.png` : undefined;
  if (file) {
    try {
      fs.accessSync(file);
      return file;
    } catch {
      // Not made in an earlier session: draw it below.
    }
  }
  const source = isSvgLink(image) ? await svgAt(image) : image;
  const drawn = source && faceDrawing(source);
  if (!drawn) return undefined;
  const face = message ? withMessage(drawn, message) : drawn;
  const { width, height } = SHARE_IMAGE;
  const canvas = Taro.createOffscreenCanvas({ type: '2d', width, height });
  const ctx = canvas.getContext('2d') as unknown as PixelCanvas2D;
  paintShareImage(ctx, face);
  try {
    const res = await Taro.canvasToTempFilePath({
      canvas: canvas as unknown as Taro.Canvas,
      fileType: 'png',
      width,
      height,
      destWidth: width,
      destHeight: height,
    });
    return res.tempFilePath;
  } catch {
    // Older clients export only on-page canvases: write the pixels as a PNG ourselves.
  }
  if (!file) return undefined;
  const png = encodePng(width, height, ctx.getImageData(0, 0, width, height).data);
  fs.writeFileSync(file, png.buffer.slice(png.byteOffset, png.byteOffset + png.byteLength) as ArrayBuffer);
  return file;
}

export const shareImageFor: ShareImageFor = (faceImage, message) => {
  if (faceImage === '') return Promise.resolve(undefined);
  // A network PNG or JPG is a share image already.
  if (!faceImage.startsWith('data:') && !isSvgLink(faceImage)) return Promise.resolve(faceImage);
  const key = faceKey(message ? `${faceImage}\n${message.blessing}\n${message.from}` : faceImage);
  let image = made.get(key);
  if (!image) {
    image = render(faceImage, message, key).catch(() => undefined);
    made.set(key, image);
  }
  return image;
};
