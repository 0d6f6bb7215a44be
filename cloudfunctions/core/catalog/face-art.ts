/**
 * The cloud's card artwork: generated SVG faces for new products and the seed's faces and logos.
 * The drawing itself lives in src/domain/face-art.ts (pure and deterministic) so that the
 * operator's editor can preview a face exactly as it will be drawn here.
 */
export { brandLogoArt, cardFaceArt, svgDataUri, type FaceArtInput } from '../../../src/domain/face-art';
