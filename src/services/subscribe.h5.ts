/** H5: no WeChat dialog; the app's consent sheet asks and the gateway records the answer. */
import type { GatewayHttp } from './gateway-http';
import { gatewaySubscribe } from './subscribe-gateway';
import type { SubscribeService } from './subscribe-types';

export function createSubscribe(http: GatewayHttp): SubscribeService {
  return gatewaySubscribe(http);
}
