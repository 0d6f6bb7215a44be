/**
 * The mini-program loads its pages from the package, not the network: nothing to overlap, so the
 * home page asks for its shelves itself.
 */
export function opensOnHome(): boolean {
  return false;
}
