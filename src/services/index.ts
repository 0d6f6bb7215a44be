/** The UI's door to the platform. */
export { ApiError, NETWORK, type ClientErrorCode } from './api-error';
export { CatalogService } from './catalog-service';
export { transport } from './transport';
export type { Transport } from './transport-types';
