/**
 * H5 has no share card of its own (the page offers the link and the QR code): a face that is a
 * network image is given as is, and a data: face needs nothing.
 */
import type { ShareImageFor } from './share-image-types';

export const shareImageFor: ShareImageFor = async (faceImage) =>
  faceImage !== '' && !faceImage.startsWith('data:') ? faceImage : undefined;
