/**
 * An SVG drawing as a data: URI an `<Image>` shows (faces, logos, default avatars). Only what a
 * data: URI can't carry as it is gets percent-encoded — `%`, `#` (it would start a fragment), `"`
 * (it would end an HTML attribute the URI is written into) and anything outside printable ASCII (the
 * Chinese titles, as UTF-8) — not every `<`, `=`, `/` and space: a face encoded whole was twice its
 * SVG, and the catalog's answers carry dozens of faces.
 */
export function svgDataUri(svg: string): string {
  return `data:image/svg+xml;charset=utf-8,${svg.replace(/[%#"]|[^\x20-\x7e]+/g, (s) => encodeURIComponent(s))}`;
}
