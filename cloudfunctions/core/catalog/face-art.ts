/**
 * The cloud's card artwork: generated SVG faces for new products and the seed's faces and logos.
 * The drawing itself lives in src/domain/face-art.ts (pure and deterministic) so that the
 * operator's editor can preview a face exactly as it will be drawn here.
 */
import { createHash } from 'node:crypto';

export { brandLogoArt, cardFaceArt, cardFaceSvg, svgDataUri, type FaceArtInput } from '../../../src/domain/face-art';

/**
 * Where a face's SVG is kept in cloud storage: named by its content's hash, so the same drawing is
 * one file and a changed face a new one (face-files.ts; the local cloud's seed stores its faces there too).
 */
export function facePath(svg: string): string {
  return `faces/${createHash('sha256').update(svg).digest('hex').slice(0, 32)}.svg`;
}
