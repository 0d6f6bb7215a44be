/** The UI's door to the platform. */
export { AccountService, type DemoUser } from './account-service';
export { ApiError, NETWORK, type ClientErrorCode } from './api-error';
export { CatalogService } from './catalog-service';
export { createGatewayHttp } from './gateway-http';
export { OrdersService } from './orders-service';
export { PaymentService, type LocalPayment } from './payment-service';
export { gatewayBase, platformIdentity, transport } from './transport';
export type { Transport } from './transport-types';
export { GiftsService, type OutboxMessage } from './gifts-service';
export { MerchantService } from './merchant-service';
export { WalletService } from './wallet-service';
