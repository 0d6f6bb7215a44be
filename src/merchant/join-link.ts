/** The link a clerk invite is shared by: the same origin a gift link uses (pages/claim-link.ts). */
import { gatewayBase } from '../services';

export function joinLink(path: string): string {
  const origin =
    process.env.TARO_ENV === 'h5' ? window.location.origin : process.env.TARO_APP_SHARE_ORIGIN || gatewayBase;
  return `${origin}${path}`;
}
