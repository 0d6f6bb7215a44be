/** The image of a gift's share card, made from the card face with the gift's words on it. */
import type { FaceMessage } from '../domain/face-drawing';

export type ShareImageFor = (faceImage: string, message?: FaceMessage) => Promise<string | undefined>;
