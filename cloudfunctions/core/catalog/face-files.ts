/**
 * Card faces live in cloud storage as public-read SVG files, and documents keep each file's link
 * (a public-read file's link never expires): answers carry links, not pictures, so the catalog home
 * stays a few kilobytes however many faces its shelves show, and each phone fetches a face once and
 * keeps it in its image cache.
 *
 * A face's path is its content's hash (faces/<sha-256>.svg): the same drawing is one file, stored
 * again harmlessly when saved again, and a changed face is a new file, so a link once handed out —
 * on a card, an order, a gift — always shows the picture it showed. A save that fails after storing
 * its faces leaves files nothing links to, which is harmless and never wrong.
 */
import { cardFaceSvg, facePath, type FaceArtInput } from './face-art';
import { storeFile } from '../cloud';

/** Links of the faces this instance stored already: a content path always links to the same file. */
const links = new Map<string, Promise<string>>();

/** The face drawn from `input`, stored once in cloud storage; its link. */
export function storedFace(input: FaceArtInput): Promise<string> {
  const svg = cardFaceSvg(input);
  const path = facePath(svg);
  let link = links.get(path);
  if (!link) {
    link = storeFile(path, Buffer.from(svg, 'utf8')).then((f) => f.url);
    // A failed store is tried again by the next save, not remembered.
    link.catch(() => links.delete(path));
    links.set(path, link);
  }
  return link;
}
