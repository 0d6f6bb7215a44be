/**
 * The card page's list of devices holding offline pay code keys for the card, and revoking one (a
 * lost phone, from another device). Revoking this device's own keys also forgets the key it holds.
 */
import { makeAutoObservable, runInAction } from 'mobx';
import type { OfflineDeviceView } from '../contracts/wallet';
import type { OfflineKeyStorage } from '../services/offline-key-storage';
import type { WalletService } from '../services/wallet-service';
import { AsyncView } from './async-view';
import { BusyAction } from './busy-action';

export class OfflineDevicesStore {
  cardId = '';
  readonly view = new AsyncView<OfflineDeviceView[]>((d) => d.length === 0);
  readonly action = new BusyAction();

  constructor(
    private readonly wallet: WalletService,
    private readonly keys: Pick<OfflineKeyStorage, 'deviceId' | 'remove'>,
  ) {
    makeAutoObservable<OfflineDevicesStore, 'wallet' | 'keys'>(this, {
      wallet: false,
      keys: false,
      view: false,
      action: false,
    });
  }

  /** This device's id, to mark it in the list. */
  get thisDevice(): string {
    return this.keys.deviceId();
  }

  load(cardId: string): Promise<void> {
    if (cardId !== this.cardId) this.view.reset();
    this.cardId = cardId;
    return this.view.run(async () => (await this.wallet.offlineDevices(cardId)).devices);
  }

  async revoke(deviceId: string): Promise<void> {
    const cardId = this.cardId;
    const done = await this.action.run(() => this.wallet.revokeOfflineDevice(cardId, deviceId));
    if (!done) return;
    if (deviceId === this.thisDevice) await this.keys.remove(cardId);
    runInAction(() => {
      if (cardId === this.cardId) void this.view.run(() => Promise.resolve(done.devices));
    });
  }
}
