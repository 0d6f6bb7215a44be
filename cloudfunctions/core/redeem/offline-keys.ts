/**
 * Offline pay code keys (domain/offline-code.ts): issued to a holder for one card and one device,
 * each a document under a random 7-digit key number (the number the offline code carries). The
 * secret is never stored: it is the deployment key's HMAC of the key number and a random nonce, so
 * only this cloud can compute it, and it is shown to the app once, when issued. A key is refused once
 * revoked (a lost phone, from the card page on another device), expired, or its card changed hands.
 */
import type { OfflineDeviceView, OfflineKeyView } from '../../../src/contracts/wallet';
import type { Card } from '../../../src/domain/card';
import { ErrorCode } from '../../../src/domain/errors';
import { fen, subtractFen, type Fen } from '../../../src/domain/money';
import { OFFLINE_KEY_NO_DIGITS, type OfflineRules } from '../../../src/domain/offline-code';
import { mintRefusal, type Redemption } from '../../../src/domain/redemption';
import { chinaDay } from '../../../src/domain/rules';
import { getDatabase, rows } from '../cloud';
import { C } from '../collections';
import { keyedBytes, randomToken } from '../secrets';
import { spendTry } from '../throttle';
import { refuse, transaction, txAdd, txGet, txUpdate, type Tx } from '../tx';
import { randomInt } from 'node:crypto';

export interface OfflineKey {
  /** The key number: 7 digits, in every code the key derives. */
  _id: string;
  owner: string;
  cardId: string;
  deviceId: string;
  deviceName: string;
  /** Random, public: with the deployment key it gives the secret. */
  nonce: string;
  issuedAt: number;
  expiresAt: number;
  revokedAt: number | null;
}

/** A card's offline spending on one China day: the cap's counter. */
export interface OfflineSpend {
  _id: string;
  cardId: string;
  day: string;
  amount: Fen;
  updatedAt: number;
}

export const offlineSpendId = (cardId: string, day: string): string => `${cardId}.${day}`;

/** A redemption an offline code made: the key and the 30-second window whose code it was. */
export interface OfflineRedemption extends Redemption {
  offlineKey: string;
  offlineWindow: number;
}

export const isOffline = (r: Redemption): r is OfflineRedemption => (r as OfflineRedemption).offlineKey !== undefined;

/**
 * A reversed offline redemption did not spend: its amount goes back to the cap of the China day it
 * was taken on (the counter of that day, whichever day the reversal falls on), in the reversal's
 * transaction.
 */
export async function txGiveBackOffline(tx: Tx, r: OfflineRedemption, clock: number): Promise<void> {
  const id = offlineSpendId(r.cardId, chinaDay(r.usedAt!));
  const spent = await txGet<OfflineSpend>(tx, C.offlineSpend, id);
  if (!spent) return;
  await txUpdate(tx, C.offlineSpend, id, { amount: fen(Math.max(0, spent.amount - r.amount!)), updatedAt: clock });
}

/** The key's 32-byte secret. */
export function offlineSecret(key: Pick<OfflineKey, '_id' | 'nonce'>): Buffer {
  return keyedBytes('offline-key', `${key._id}.${key.nonce}`);
}

/** What the card may still spend offline today (0 when the day's cap is used up). */
export async function offlineLeft(tx: Tx, cardId: string, clock: number, rules: OfflineRules): Promise<Fen> {
  const spent = await txGet<OfflineSpend>(tx, C.offlineSpend, offlineSpendId(cardId, chinaDay(clock)));
  const used = spent?.amount ?? fen(0);
  return used >= rules.dailyCapFen ? fen(0) : subtractFen(rules.dailyCapFen, used);
}

const randomKeyNo = (): string => String(randomInt(10 ** OFFLINE_KEY_NO_DIGITS)).padStart(OFFLINE_KEY_NO_DIGITS, '0');

/** Tries at a fresh key number: the live keys are far fewer than 10^7. */
const ISSUE_TRIES = 3;

/** Issues a key for the holder's usable card on this device. Throttled per holder like pay codes. */
export async function issueOfflineKey(
  owner: string,
  input: { cardId: string; deviceId: string; deviceName: string },
  clock: number,
  rules: OfflineRules,
): Promise<OfflineKeyView> {
  const limit = { tries: rules.issueLimit, windowMs: rules.issueWindowMs };
  for (let attempt = 1; ; attempt++) {
    try {
      return await transaction(async (tx) => {
        const card = await txGet<Card>(tx, C.cards, input.cardId);
        if (!card || card.owner !== owner) return refuse(ErrorCode.NOT_FOUND, 'card not found');
        const refusal = mintRefusal(card, clock);
        if (refusal) return refuse(ErrorCode[refusal], `no offline key: ${refusal.toLowerCase()}`);
        if (!(await spendTry(tx, `offline-key-${owner}`, clock, limit))) {
          return refuse(ErrorCode.RATE_LIMITED, 'too many offline keys, please wait a moment');
        }
        const key: OfflineKey = {
          _id: randomKeyNo(),
          owner,
          cardId: card._id,
          deviceId: input.deviceId,
          deviceName: input.deviceName,
          nonce: randomToken(),
          issuedAt: clock,
          expiresAt: clock + rules.keyTtlMs,
          revokedAt: null,
        };
        await txAdd(tx, C.offlineKeys, key);
        const capLeft = await offlineLeft(tx, card._id, clock, rules);
        return {
          cardId: card._id,
          keyNo: key._id,
          secret: offlineSecret(key).toString('hex'),
          issuedAt: clock,
          renewAt: clock + rules.rotateMs,
          expiresAt: key.expiresAt,
          dailyCap: rules.dailyCapFen,
          capLeft,
          capDay: chinaDay(clock),
          balance: card.balance,
          now: clock,
        };
      });
    } catch (e) {
      if (attempt === ISSUE_TRIES || !(e instanceof Error && /duplicate|exist/i.test(e.message))) throw e;
    }
  }
}

/** A card's keys of mine that are not expired. */
async function liveKeys(owner: string, cardId: string, clock: number): Promise<OfflineKey[]> {
  const _ = getDatabase().command;
  return rows<OfflineKey>(
    await getDatabase()
      .collection(C.offlineKeys)
      .where({ owner, cardId, expiresAt: _.gt(clock) })
      .limit(100)
      .get(),
  );
}

/** The devices holding live keys for my card, the latest issue first. */
export async function offlineDevices(owner: string, cardId: string, clock: number): Promise<OfflineDeviceView[]> {
  const byDevice = new Map<string, OfflineDeviceView>();
  for (const k of await liveKeys(owner, cardId, clock)) {
    const seen = byDevice.get(k.deviceId);
    byDevice.set(k.deviceId, {
      deviceId: k.deviceId,
      deviceName: !seen || k.issuedAt > seen.issuedAt ? k.deviceName : seen.deviceName,
      issuedAt: Math.max(k.issuedAt, seen?.issuedAt ?? 0),
      revoked: (seen?.revoked ?? true) && k.revokedAt !== null,
    });
  }
  return [...byDevice.values()].sort((a, b) => b.issuedAt - a.issuedAt);
}

/** Revokes every unrevoked key of a device for my card; revoking again changes nothing. */
export async function revokeOfflineDevice(owner: string, cardId: string, deviceId: string, clock: number) {
  await getDatabase()
    .collection(C.offlineKeys)
    .where({ owner, cardId, deviceId, revokedAt: null })
    .update({ data: { revokedAt: clock } });
}

/** Deletes keys well past their expiry: their codes are refused anyway, their numbers free again. */
export async function sweepOfflineKeys(clock: number, rules: OfflineRules): Promise<{ removed: number }> {
  const _ = getDatabase().command;
  const res = (await getDatabase()
    .collection(C.offlineKeys)
    .where({ expiresAt: _.lt(clock - rules.keepExpiredMs) })
    .remove()) as { stats?: { removed?: number } };
  return { removed: res.stats?.removed ?? 0 };
}
