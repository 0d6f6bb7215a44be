/** An image the person picked (a temp file path or blob URL) as a small square JPEG data: URL. */
export type AvatarImage = (picked: string) => Promise<string>;

/** Side of the stored avatar in pixels: WeChat's own avatars are 132 px. */
export const AVATAR_PX = 132;
