/** The image of a gift's share card, made from the card face. */
export type ShareImageFor = (faceImage: string) => Promise<string | undefined>;
