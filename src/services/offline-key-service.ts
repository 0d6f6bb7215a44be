/**
 * Typed calls to the `wallet` function's offline pay code keys. Apart from WalletService so that
 * only the pages using them (the pay code page, the card page) carry them, not the first load.
 */
import { WALLET_FUNCTION, type WalletActions } from '../contracts/wallet';
import { functionClient } from './function-client';
import type { Transport } from './transport-types';

export class OfflineKeyService {
  private readonly call;

  constructor(transport: Transport) {
    this.call = functionClient<WalletActions>(transport, WALLET_FUNCTION);
  }

  offlineKey = (cardId: string, deviceId: string, deviceName: string) =>
    this.call('offlineKey', { cardId, deviceId, deviceName });
  offlineDevices = (cardId: string) => this.call('offlineDevices', { cardId });
  revokeOfflineDevice = (cardId: string, deviceId: string) => this.call('revokeOfflineDevice', { cardId, deviceId });
}
