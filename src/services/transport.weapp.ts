/**
 * Mini-program: with a cloud env configured, call functions in WeChat Cloud (identity comes from
 * WeChat itself); without one, call the local cloud's gateway like H5 does.
 */
import Taro from '@tarojs/taro';
import { ApiError, NETWORK } from './api-error';
import { createGatewayTransport } from './gateway-transport';
import type { Transport } from './transport-types';
import { sessionToken } from './session-token';

function cloudTransport(env: string): Transport {
  Taro.cloud.init({ env, traceUser: true });
  return {
    async call(name, data) {
      try {
        const res = await Taro.cloud.callFunction({ name, data });
        return res.result;
      } catch (e) {
        throw new ApiError(NETWORK, e instanceof Error ? e.message : 'callFunction failed');
      }
    },
  };
}

const env = process.env.TARO_APP_CLOUD_ENV ?? '';

export const gatewayBase = process.env.TARO_APP_GATEWAY_URL ?? '';
/** In WeChat Cloud the platform states who calls; without it the gateway's session does. */
export const platformIdentity = env !== '';
export const transport: Transport = env
  ? cloudTransport(env)
  : createGatewayTransport(gatewayBase, () => sessionToken());
