/** Typed calls to the `merchant` function's expiry actions: the operator's extension requests. */
import type { DecideExtensionInput } from '../contracts/expiry';
import { MERCHANT_FUNCTION, type MerchantActions } from '../contracts/merchant';
import type { ExtensionState } from '../domain/expiry';
import { functionClient } from './function-client';
import type { Transport } from './transport-types';

export class ExtensionsService {
  private readonly call;

  constructor(transport: Transport) {
    this.call = functionClient<MerchantActions>(transport, MERCHANT_FUNCTION);
  }

  list = (brandId: string, status?: ExtensionState) =>
    this.call('extensions', status ? { brandId, status } : { brandId });
  decide = (input: DecideExtensionInput) => this.call('decideExtension', input);
}
