/**
 * Calls functions through the local cloud's gateway over HTTP: `POST {base}/api/functions/:name`
 * answering `{ result }`. Used by H5, and by the mini-program when no cloud env is configured.
 */
import Taro from '@tarojs/taro';
import { ApiError, NETWORK } from './api-error';
import type { Transport } from './transport-types';

export function createGatewayTransport(baseUrl: string, token: () => string | undefined = () => undefined): Transport {
  return {
    async call(functionName, data) {
      let res: Taro.request.SuccessCallbackResult<{ result?: unknown; error?: { code?: string; message?: string } }>;
      try {
        const auth = token();
        res = await Taro.request({
          url: `${baseUrl}/api/functions/${functionName}`,
          method: 'POST',
          data,
          header: { 'content-type': 'application/json', ...(auth ? { Authorization: `Bearer ${auth}` } : {}) },
          dataType: 'json',
        });
      } catch (e) {
        throw new ApiError(NETWORK, e instanceof Error ? e.message : 'request failed');
      }
      if (res.statusCode === 200 && res.data && 'result' in res.data) return res.data.result;
      // 503: the gateway turned the call away (too many in flight from this caller, or the function's
      // queue full) — an answer to try again later, not a bug.
      const code = res.statusCode === 401 ? 'UNAUTHENTICATED' : res.statusCode === 503 ? 'RATE_LIMITED' : 'INTERNAL';
      throw new ApiError(code, res.data?.error?.message ?? `gateway answered ${res.statusCode}`);
    },
  };
}
