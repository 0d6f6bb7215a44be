/**
 * Pay codes: made for a holder's usable card, throttled per holder, each a document of its own
 * (the code is its id) that later records the redemption it made. The QR payload adds a keyed MAC,
 * so a scanned code with any byte changed is refused without a database read.
 */
import type { Card } from '../../../src/domain/card';
import { DomainError, ErrorCode } from '../../../src/domain/errors';
import {
  mintRefusal,
  parsePayInput,
  payCodeFromBytes,
  type RedeemRules,
  type Redemption,
} from '../../../src/domain/redemption';
import { getDatabase, rows } from '../cloud';
import { z } from '../validate';
import { C } from '../collections';
import { keyedHash, sameHash } from '../secrets';
import { spendTry } from '../throttle';
import { isRefusal, refuse, transaction, txAdd, txGet } from '../tx';
import { randomBytes } from 'node:crypto';
import { txSplitChoice } from './split';

export function payCodeMac(code: string): string {
  return keyedHash('paycode', code).slice(0, 16);
}

/** A code from what a clerk scanned or typed; `typed` codes carry no MAC and are throttled instead. */
export function checkedPayCode(input: string): { code: string; typed: boolean } {
  const parsed = parsePayInput(input);
  if (!parsed || (parsed.mac !== null && !sameHash(parsed.mac, payCodeMac(parsed.code)))) {
    throw new DomainError(ErrorCode.PAY_CODE_INVALID, 'not a valid pay code');
  }
  return { code: parsed.code, typed: parsed.mac === null };
}

function randomPayCode(): string {
  for (;;) {
    const code = payCodeFromBytes(randomBytes(32));
    if (code) return code;
  }
}

/** A pay code (and redemption id) as an action's input: the 16 digits, nothing else. */
export const payCodeSchema = z.string().regex(/^[1-9][0-9]{15}$/, 'malformed pay code');

/** A pay code's document, if there is one. */
export async function findPayCode(code: string): Promise<Redemption | undefined> {
  return rows<Redemption>(await getDatabase().collection(C.redemptions).where({ _id: code }).limit(1).get())[0];
}

/** A pay code of mine by its code, or NOT_FOUND. */
export async function myPayCode(owner: string, code: string): Promise<Redemption> {
  const r = await findPayCode(code);
  if (!r || r.owner !== owner) throw new DomainError(ErrorCode.NOT_FOUND, 'pay code not found');
  return r;
}

/** Tries at a fresh random code; two live codes colliding is a 1-in-10^14 event per pair. */
const MINT_TRIES = 3;

/**
 * Makes a pay code for the holder's usable card; with `payWith` (the holder's other cards of the
 * brand, in order) a split code that may spend them too and ask WeChat Pay for the rest. The per-holder limit is a counter spent in the same
 * transaction that adds the code, so parallel requests serialise on it and never mint past the limit
 * (a count of recent codes read before the write let 60 parallel requests through 33 times).
 */
export async function mintPayCode(
  owner: string,
  cardId: string,
  clock: number,
  rules: RedeemRules,
  payWith?: readonly string[],
): Promise<{ code: Redemption; card: Card }> {
  const limit = { tries: rules.mintLimit, windowMs: rules.mintWindowMs };
  for (let attempt = 1; ; attempt++) {
    try {
      return await transaction(async (tx) => {
        const card = await txGet<Card>(tx, C.cards, cardId);
        if (!card || card.owner !== owner) return refuse(ErrorCode.NOT_FOUND, 'card not found');
        const refusal = mintRefusal(card, clock);
        if (refusal) return refuse(ErrorCode[refusal], `no pay code: ${refusal.toLowerCase()}`);
        const split = payWith && (await txSplitChoice(tx, owner, card, payWith, clock));
        if (isRefusal(split)) return split;
        if (!(await spendTry(tx, `paycode-mint-${owner}`, clock, limit))) {
          return refuse(ErrorCode.RATE_LIMITED, 'too many pay codes, please wait a moment');
        }
        const code: Redemption = {
          _id: randomPayCode(),
          cardId,
          owner,
          brandId: card.brandId,
          brandName: card.brandName,
          last4: card.last4,
          state: 'issued',
          mintedAt: clock,
          expiresAt: clock + rules.codeTtlMs,
          updatedAt: clock,
          ...(split && { kind: 'split' as const, split }),
        };
        await txAdd(tx, C.redemptions, code);
        return { code, card };
      });
    } catch (e) {
      if (attempt === MINT_TRIES || !(e instanceof Error && /duplicate|exist/i.test(e.message))) throw e;
    }
  }
}

/** Deletes codes that were never used, once well past their time; used ones are the record. */
export async function sweepUnusedCodes(clock: number, rules: RedeemRules): Promise<{ removed: number }> {
  const db = getDatabase();
  const _ = db.command;
  const res = (await db
    .collection(C.redemptions)
    .where({ state: 'issued', expiresAt: _.lt(clock - rules.keepUnusedMs) })
    .remove()) as { stats?: { removed?: number } };
  return { removed: res.stats?.removed ?? 0 };
}
