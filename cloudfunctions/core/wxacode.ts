/**
 * 小程序码 through `cloud.openapi.wxacode.getUnlimited` (the function's config.json grants it): the
 * code opens `page` with `options.scene` = `scene` (≤ 32 characters). The image comes back as a data
 * URL of the type WeChat answered with, for the app to show (H5 and the mini-program's Image take
 * one; a share card's imageUrl does not).
 */
import { openApi } from './cloud';

interface WxacodeApi {
  getUnlimited(req: {
    scene: string;
    page: string;
    checkPath?: boolean;
    envVersion?: 'release' | 'trial' | 'develop';
    width?: number;
  }): Promise<{ contentType: string; buffer: Buffer | Uint8Array }>;
}

export async function wxacode(page: string, scene: string): Promise<string> {
  // The page without its leading slash, as WeChat wants it; it must be published (check_path).
  const res = await openApi<WxacodeApi>('wxacode').getUnlimited({ scene, page: page.replace(/^\//, ''), width: 430 });
  return `data:${res.contentType};base64,${Buffer.from(res.buffer).toString('base64')}`;
}
