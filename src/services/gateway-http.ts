/** JSON over HTTP to the gateway's own routes (sign-in, the simulated pay sheet). */
import Taro from '@tarojs/taro';
import { ApiError, NETWORK } from './api-error';
import { sessionToken } from './session-token';

export function createGatewayHttp(baseUrl: string) {
  return async function request<T>(method: 'GET' | 'POST', path: string, data?: object): Promise<T> {
    let res: Taro.request.SuccessCallbackResult<T & { error?: { code?: string; message?: string } }>;
    try {
      const auth = sessionToken();
      res = await Taro.request({
        url: `${baseUrl}${path}`,
        method,
        data: method === 'POST' ? (data ?? {}) : undefined,
        header: { 'content-type': 'application/json', ...(auth ? { Authorization: `Bearer ${auth}` } : {}) },
        dataType: 'json',
      });
    } catch (e) {
      throw new ApiError(NETWORK, e instanceof Error ? e.message : 'request failed');
    }
    if (res.statusCode === 200) return res.data;
    const code = res.statusCode === 401 ? 'UNAUTHENTICATED' : (res.data?.error?.code ?? 'INTERNAL');
    throw new ApiError(code as ApiError['code'], res.data?.error?.message ?? `gateway answered ${res.statusCode}`);
  };
}

export type GatewayHttp = ReturnType<typeof createGatewayHttp>;
