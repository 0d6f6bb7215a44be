/**
 * The card page's list of devices holding offline pay code keys for the card, and revoking one (a
 * lost phone, from another device). Revoking this device's own keys also forgets the key it holds.
 */
import { makeAutoObservable, runInAction } from 'mobx';
import type { OfflineDeviceView } from '../contracts/wallet';
import type { OfflineKeyStorage } from '../services/offline-key-storage';
import type { OfflineKeyService } from '../services/offline-key-service';
import { AsyncView } from './async-view';
import { BusyAction } from './busy-action';

export class OfflineDevicesStore {
  cardId = '';
  readonly view = new AsyncView<OfflineDeviceView[]>((d) => d.length === 0);
  readonly action = new BusyAction();

  constructor(
    private readonly service: OfflineKeyService,
    private readonly keys: Pick<OfflineKeyStorage, 'deviceId' | 'remove'>,
  ) {
    makeAutoObservable<OfflineDevicesStore, 'service' | 'keys'>(this, {
      service: false,
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
    return this.view.run(async () => (await this.service.offlineDevices(cardId)).devices);
  }

  async revoke(deviceId: string): Promise<void> {
    const cardId = this.cardId;
    const done = await this.action.run(() => this.service.revokeOfflineDevice(cardId, deviceId));
    if (!done) return;
    if (deviceId === this.thisDevice) await this.keys.remove(cardId);
    runInAction(() => {
      if (cardId === this.cardId) void this.view.run(() => Promise.resolve(done.devices));
    });
  }
}
