/** H5: always the gateway, on the same origin that served the page (Taro.cloud doesn't exist here). */
import { createGatewayTransport } from './gateway-transport';
import { sessionToken } from './session-token';

export const gatewayBase = '';
export const platformIdentity = false;
export const transport = createGatewayTransport(gatewayBase, () => sessionToken());
