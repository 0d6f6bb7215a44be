/** The consent sheet's answer recorded by the local cloud's gateway (its wx.requestSubscribeMessage record). */
import type { GatewayHttp } from './gateway-http';
import type { SubscribeService } from './subscribe-types';

export function gatewaySubscribe(http: GatewayHttp): SubscribeService {
  return {
    nativeDialog: false,
    // No WeChat dialog here: the app's consent sheet asks instead.
    request: async () => [],
    async record(accepted, rejected) {
      await http('POST', '/api/dev/subscribe', { accepted, rejected });
    },
  };
}
