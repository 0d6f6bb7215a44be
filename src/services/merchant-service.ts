/** Typed calls to the `merchant` function: the clerk's side of paying in store. */
import { MERCHANT_FUNCTION, type MerchantActions, type RedeemInput } from '../contracts/merchant';
import { functionClient } from './function-client';
import type { Transport } from './transport-types';

export class MerchantService {
  private readonly call;

  constructor(transport: Transport) {
    this.call = functionClient<MerchantActions>(transport, MERCHANT_FUNCTION);
  }

  profile = () => this.call('profile', {});
  inspect = (payCode: string, storeId: string) => this.call('inspect', { payCode, storeId });
  redeem = (input: RedeemInput) => this.call('redeem', input);
  redemption = (id: string) => this.call('redemption', { id });
  reverse = (id: string) => this.call('reverse', { id });
  history = (day?: string) => this.call('history', day ? { day } : {});
}
