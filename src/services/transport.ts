/**
 * The platform transport. Taro builds pick `transport.weapp.ts` or `transport.h5.ts` in place of
 * this file; it stands for any other target (and for type checking), which reaches the gateway.
 */
export { gatewayBase, platformIdentity, transport } from './transport.h5';
