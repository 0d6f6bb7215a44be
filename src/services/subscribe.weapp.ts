/**
 * Mini-program: in a cloud env, WeChat's own subscribe dialog (wx.requestSubscribeMessage), whose
 * answer WeChat keeps for subscribeMessage.send; without one, the app's consent sheet and the local
 * cloud's gateway, like H5.
 */
import Taro from '@tarojs/taro';
import type { GatewayHttp } from './gateway-http';
import { gatewaySubscribe } from './subscribe-gateway';
import type { SubscribeService } from './subscribe-types';
import { platformIdentity } from './transport';

function wechatSubscribe(): SubscribeService {
  return {
    nativeDialog: true,
    request(templateIds) {
      // Called at once, not after an await: WeChat opens the dialog only within the tap that asks.
      return Taro.requestSubscribeMessage({
        tmplIds: [...templateIds],
        // Taro's typings also demand Alipay's entityIds; WeChat takes tmplIds alone.
      } as Taro.requestSubscribeMessage.Option).then(
        (res) => templateIds.filter((id) => (res as unknown as Record<string, string>)[id] === 'accept'),
        () => [],
      );
    },
    // WeChat records the answer itself.
    record: async () => undefined,
  };
}

export function createSubscribe(http: GatewayHttp): SubscribeService {
  return platformIdentity ? wechatSubscribe() : gatewaySubscribe(http);
}
