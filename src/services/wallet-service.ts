/** Typed calls to the `wallet` function: cards, binding, refunds, the holder's side of paying in store, the profile. */
import { WALLET_FUNCTION, type WalletActions } from '../contracts/wallet';
import type { Profile } from '../domain/profile';
import { functionClient } from './function-client';
import type { Transport } from './transport-types';

export class WalletService {
  private readonly call;

  constructor(transport: Transport) {
    this.call = functionClient<WalletActions>(transport, WALLET_FUNCTION);
  }

  list = () => this.call('list', {});
  detail = (cardId: string) => this.call('detail', { cardId });
  bind = (cardNumber: string, pin: string) => this.call('bind', { cardNumber, pin });
  refund = (cardId: string) => this.call('refund', { cardId });
  requestExtension = (cardId: string, note?: string) =>
    this.call('requestExtension', note ? { cardId, note } : { cardId });
  /** With `payWith` (my other cards of the brand, in order), a split code: those cards and WeChat Pay may pay too. */
  payCode = (cardId: string, payWith?: string[]) => this.call('payCode', payWith ? { cardId, payWith } : { cardId });
  payStatus = (code: string) => this.call('payStatus', { code });
  confirmPay = (code: string) => this.call('confirmPay', { code });
  declinePay = (code: string) => this.call('declinePay', { code });
  profile = () => this.call('profile', {});
  saveProfile = (profile: Profile) => this.call('saveProfile', profile);
  payRemainder = (code: string) => this.call('payRemainder', { code });
}
