/**
 * The pay code page's offline side: while online, this device keeps a current offline key for the
 * card (asked for again once the cloud's renewal time passed); with no network, the code of the
 * current 30-second window is derived from it on the phone (domain/offline-code.ts), in the shape of
 * an online code, with what the offline cap allows as of the key's issue.
 */
import type { PayCodeView } from '../contracts/wallet';
import type { Fen } from '../domain/money';
import { deriveOfflineCode, offlineAllowance } from '../domain/offline-code';
import { ApiError, NETWORK } from '../services/api-error';
import type { OfflineKeyStorage } from '../services/offline-key-storage';
import type { OfflineKeyService } from '../services/offline-key-service';

export interface OfflinePayCode {
  payCode: PayCodeView;
  /** What the clerk may take with it: the day's offline cap left, at most the balance. */
  allowance: Fen;
  dailyCap: Fen;
}

export class OfflinePay {
  constructor(
    private readonly service: OfflineKeyService,
    private readonly keys: OfflineKeyStorage,
  ) {}

  /** Best effort, online: a key for the card on this device unless the one held is still current. */
  async ensureKey(cardId: string, cloudNow: number): Promise<void> {
    const held = this.keys.load(cardId);
    if (held && held.renewAt > cloudNow && held.expiresAt > cloudNow) return;
    try {
      const { key } = await this.service.offlineKey(cardId, this.keys.deviceId(), this.keys.deviceName());
      await this.keys.save(key);
    } catch (e) {
      // Refused by the cloud (the card is no longer mine or usable): its old key would only be refused too.
      const refused = e instanceof ApiError && e.code !== NETWORK && e.code !== 'RATE_LIMITED';
      if (refused) await this.keys.remove(cardId);
    }
  }

  /** The code to show at `cloudNow` (the phone's clock corrected by the cloud's last answer), if a key allows. */
  code(cardId: string, cloudNow: number): OfflinePayCode | undefined {
    const key = this.keys.load(cardId);
    if (!key || key.expiresAt <= cloudNow) return undefined;
    const derived = deriveOfflineCode(key, cloudNow);
    if (!derived) return undefined;
    return {
      payCode: { ...derived, now: cloudNow, balance: key.balance },
      allowance: offlineAllowance(key, cloudNow),
      dailyCap: key.dailyCap,
    };
  }
}
