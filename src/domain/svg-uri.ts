/** An SVG drawing as a data: URI an `<Image>` shows (faces, logos, default avatars). */
export function svgDataUri(svg: string): string {
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
}
