/**
 * An offline pay code at the clerk's till (domain/offline-code.ts), verified online in one
 * transaction: the key is looked up by the number in the code, the code checked against the key's
 * MAC of the windows around now (±1 period), and the redemption written under an id derived from
 * the key and the window — the marker that makes each window's code spendable once, since a second
 * spend finds it. The card's offline spending of the day is counted in the same transaction and
 * capped; an amount the holder would have to confirm on their phone (offline, they can't) is over
 * the cap too. The debit itself is the online code's (redeem.ts): the same REDEEM entry and receipt.
 */
import { usedBy } from './used-by';
import { createHmac } from 'node:crypto';
import type { Card } from '../../../src/domain/card';
import { ErrorCode } from '../../../src/domain/errors';
import { addFen, fen, minFen, type Fen } from '../../../src/domain/money';
import {
  OFFLINE_DRIFT_WINDOWS,
  OFFLINE_LOOKBACK_WINDOWS,
  offlineInputMatches,
  offlineMessage,
  offlineWindowOf,
  offlineWindowStart,
  type OfflineInput,
  type OfflineRules,
} from '../../../src/domain/offline-code';
import {
  needsConfirmation,
  payCodeFromBytes,
  redeemRefusal,
  type RedeemRules,
  type Redemption,
} from '../../../src/domain/redemption';
import { chinaDay } from '../../../src/domain/rules';
import { C } from '../collections';
import type { StaffMember, StaffStore } from '../merchant/staff';
import { keyedBytes, keyedHash } from '../secrets';
import { failureGuard } from '../throttle';
import { isRefusal, refuse, transaction, txAdd, txGet, txSet, type Refusal, type Tx } from '../tx';
import { offlineLeft, offlineSecret, offlineSpendId, type OfflineKey, type OfflineRedemption } from './offline-keys';
import { debit, type RedeemRequest } from './redeem';

/** The window whose MAC made `input`, searched from now outwards; null when none did (forged). */
function windowOf(key: OfflineKey, input: OfflineInput, clock: number): number | null {
  const secret = offlineSecret(key);
  const now = offlineWindowOf(clock);
  const first = offlineWindowOf(key.issuedAt);
  for (let d = 0; d <= OFFLINE_LOOKBACK_WINDOWS; d++) {
    for (const w of d === 0 ? [now] : [now - d, now + d]) {
      if (w < first) continue;
      const mac = createHmac('sha256', secret)
        .update(offlineMessage(key.cardId, key._id, w))
        .digest();
      if (offlineInputMatches(input, mac)) return w;
    }
  }
  return null;
}

/** The redemption an offline code makes: the key's window, under an id only this cloud can derive. */
function redemptionIdOf(key: OfflineKey, window: number): string {
  for (let i = 0; ; i++) {
    const id = payCodeFromBytes(keyedBytes('offline-redemption', `${key._id}.${key.nonce}.${window}.${i}`));
    if (id) return id;
  }
}

interface Verified {
  key: OfflineKey;
  window: number;
  /** Its redemption's id, and the redemption when the code was spent already. */
  id: string;
  spent: Redemption | null;
}

/**
 * The key and window of an offline code, or the refusal. A typed code (no tag: only 7 digits of
 * MAC) is looked at only while the clerk has misses left, as a typed online code is; an unknown key
 * or a code no window made counts as a miss. Revocation and expiry are told only for a code the key
 * really made, so guessing tells nothing about other people's keys.
 */
async function verify(tx: Tx, clerk: string, input: OfflineInput, clock: number, rules: RedeemRules) {
  const guard =
    input.tag === null
      ? await failureGuard(tx, `typed-${keyedHash('clerk', clerk).slice(0, 32)}`, clock, {
          tries: rules.typedMisses,
          windowMs: rules.typedWindowMs,
        })
      : null;
  if (guard && !guard.open) return refuse(ErrorCode.RATE_LIMITED, 'too many unknown codes typed, please wait');
  const key = await txGet<OfflineKey>(tx, C.offlineKeys, input.keyNo);
  const window = key ? windowOf(key, input, clock) : null;
  if (!key || window === null) {
    await guard?.fail();
    return key
      ? refuse(ErrorCode.PAY_CODE_INVALID, 'not a valid pay code')
      : refuse(ErrorCode.OFFLINE_KEY_UNKNOWN, 'no such offline key');
  }
  if (key.revokedAt !== null) return refuse(ErrorCode.OFFLINE_KEY_REVOKED, 'this offline key was revoked');
  const id = redemptionIdOf(key, window);
  const spent = await txGet<Redemption>(tx, C.redemptions, id);
  if (spent) return { key, window, id, spent } satisfies Verified;
  if (
    Math.abs(window - offlineWindowOf(clock)) > OFFLINE_DRIFT_WINDOWS ||
    offlineWindowStart(window) >= key.expiresAt
  ) {
    return refuse(ErrorCode.OFFLINE_CODE_EXPIRED, 'this offline code is out of its time');
  }
  return { key, window, id, spent: null } satisfies Verified;
}

/** The card of a live key, or why the key no longer pays (the card was gifted on: its keys went with it). */
async function cardOf(tx: Tx, key: OfflineKey): Promise<Card | Refusal> {
  const card = await txGet<Card>(tx, C.cards, key.cardId);
  if (!card) return refuse(ErrorCode.OFFLINE_KEY_UNKNOWN, 'no such offline key');
  if (card.owner !== key.owner) return refuse(ErrorCode.OFFLINE_KEY_REVOKED, 'the card changed hands');
  return card;
}

/** The code's redemption as it stands before the clerk's amount: issued, valid to its window's end. */
function issued(v: Verified, card: Card, clock: number): Redemption {
  return {
    _id: v.id,
    cardId: card._id,
    owner: v.key.owner,
    brandId: card.brandId,
    brandName: card.brandName,
    last4: card.last4,
    state: 'issued',
    mintedAt: offlineWindowStart(v.window),
    expiresAt: offlineWindowStart(v.window + 1 + OFFLINE_DRIFT_WINDOWS) - 1,
    updatedAt: clock,
  };
}

const replayed = (): Refusal => refuse(ErrorCode.OFFLINE_CODE_REPLAYED, 'this offline code was spent already');

/** What the clerk sees before entering an amount, with what the offline cap still allows. */
export async function inspectOffline(
  staff: StaffMember,
  store: StaffStore,
  input: OfflineInput,
  clock: number,
  rules: RedeemRules,
  offline: OfflineRules,
): Promise<{ code: Redemption; card: Card; offlineLeft: Fen }> {
  return transaction(async (tx) => {
    const v = await verify(tx, staff._id, input, clock, rules);
    if (isRefusal(v)) return v;
    if (v.spent) return replayed();
    const card = await cardOf(tx, v.key);
    if (isRefusal(card)) return card;
    const code = issued(v, card, clock);
    const refusal = redeemRefusal(code, card, store.brandId, 0, clock);
    if (refusal) return refuse(ErrorCode[refusal], `cannot redeem: ${refusal.toLowerCase()}`);
    const left = minFen(await offlineLeft(tx, card._id, clock, offline), rules.confirmAboveFen);
    return { code, card, offlineLeft: left };
  });
}

export async function redeemOffline(
  staff: StaffMember,
  store: StaffStore,
  input: OfflineInput,
  req: Pick<RedeemRequest, 'amount' | 'requestId'>,
  clock: number,
  rules: RedeemRules,
  offline: OfflineRules,
): Promise<Redemption> {
  return transaction(async (tx) => {
    const v = await verify(tx, staff._id, input, clock, rules);
    if (isRefusal(v)) return v;
    if (v.spent) {
      // The clerk's retry of the request that spent it gets the first answer; anything else is a replay.
      if (v.spent.requestId !== req.requestId || v.spent.clerk !== staff._id) return replayed();
      const same = v.spent.amount === req.amount && v.spent.storeId === store.id;
      return same ? v.spent : refuse(ErrorCode.IDEMPOTENCY_MISMATCH, 'this request id was used for another redemption');
    }
    const card = await cardOf(tx, v.key);
    if (isRefusal(card)) return card;
    const code = issued(v, card, clock);
    const refusal = redeemRefusal(code, card, store.brandId, req.amount, clock);
    if (refusal) return refuse(ErrorCode[refusal], `cannot redeem: ${refusal.toLowerCase()}`);
    const left = await offlineLeft(tx, card._id, clock, offline);
    if (req.amount > left || needsConfirmation(req.amount, rules)) {
      return refuse(ErrorCode.OFFLINE_CAP_EXCEEDED, 'over the offline cap: an online code is needed');
    }
    const day = chinaDay(clock);
    const spent = addFen(fen(offline.dailyCapFen - left), req.amount);
    await txSet(tx, C.offlineSpend, {
      _id: offlineSpendId(card._id, day),
      cardId: card._id,
      day,
      amount: spent,
      updatedAt: clock,
    });
    await txAdd<OfflineRedemption>(tx, C.redemptions, { ...code, offlineKey: v.key._id, offlineWindow: v.window });
    return debit(tx, code, card, clock, usedBy(staff, store, req, clock));
  });
}
