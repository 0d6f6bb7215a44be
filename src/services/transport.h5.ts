/** H5: always the gateway, on the same origin that served the page (Taro.cloud doesn't exist here). */
import { createGatewayTransport } from './gateway-transport';

export const transport = createGatewayTransport('');
