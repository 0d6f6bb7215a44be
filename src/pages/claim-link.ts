/**
 * The link a gift is shared by. H5 links to its own site; the mini-program links to the origin
 * configured to open it (TARO_APP_SHARE_ORIGIN), else the gateway it talks to, which serves H5.
 */
import { gatewayBase } from '../services';
import { claimPath } from './routes';

function origin(): string {
  if (process.env.TARO_ENV === 'h5') return window.location.origin;
  return process.env.TARO_APP_SHARE_ORIGIN || gatewayBase;
}

export function claimLink(token: string): string {
  return `${origin()}${claimPath(token)}`;
}
