/**
 * Issuing a batch of card-number + PIN cards for sale offline, in bounded, resumable steps. Each
 * card is written unbound with its ACTIVATE entry (the value exists from issue on), at most
 * BATCH_CHUNK cards per transaction; a batch document (keyed by the operator and the request id)
 * records how far the batch got in the same transaction as the cards, so a retry of the same
 * request — after a timeout, a crash or a conflict — carries on where it stopped and never issues
 * a card twice.
 *
 * The numbers and PINs are never stored, only keyed hashes. They are derived from the key
 * (GIFTCARD_SECRET), the operator and the request id, which the app makes at random and the
 * database never holds: the call that completes the batch (and only a call with that request id)
 * can list the whole batch, while a copy of the database, even with the key, cannot.
 */
import { activate } from '../../../src/domain/balance-change';
import { acceptsAmount, type CardProduct } from '../../../src/domain/catalog';
import type { Card } from '../../../src/domain/card';
import { codeFromBytes, groupCode, pinFromBytes } from '../../../src/domain/codes';
import { DomainError, ErrorCode } from '../../../src/domain/errors';
import { fen, type Fen } from '../../../src/domain/money';
import { expiryOf } from '../../../src/domain/order';
import { C } from '../collections';
import { keyedBytes, keyedHash } from '../secrets';
import { txAudit } from '../audit/audit-log';
import type { CallerContext } from '../cloud';
import { refuse, transaction, txAdd, txGet, txSet, type Tx } from '../tx';
import { batchCardId, pinHashFor } from '../wallet/bind-card';

/**
 * Cards per transaction. A transaction must end within 30 s, and each database call from a function
 * is a round trip of several to tens of ms: a chunk is about 3 calls a card (look up, card, entry)
 * plus 3 (batch document, audit), so 20 cards are ~63 calls, one to three seconds even on a slow
 * day. A failure then loses at most one chunk's work, which the retry redoes.
 */
export const BATCH_CHUNK = 20;

export interface IssuedCard {
  cardNumber: string;
  pin: string;
  last4: string;
}

/** What every card of a batch shares, fixed when the batch starts (a product edited meanwhile changes nothing). */
type CardTemplate = Omit<Card, '_id' | 'codeHash' | 'last4' | 'pinHash' | 'activatedAt' | 'updatedAt'>;

/** The `batches` document: the request and how far it got, never a code. */
export interface BatchRecord {
  _id: string;
  brandId: string;
  productId: string;
  amount: Fen;
  count: number;
  /** Cards 0 … issued-1 exist. */
  issued: number;
  /** Derivation attempt a card index starts from, where an earlier attempt met another card's number. */
  skips: Record<string, number>;
  template: CardTemplate;
  createdBy: string;
  createdAt: number;
  updatedAt: number;
  completedAt: number | null;
}

interface Derived {
  code: string;
  pin: string;
  attempt: number;
}

/** The number and PIN of card `index` of the batch that `seed` names, from attempt `from` on. */
function derive(seed: string, index: number, from: number): Derived {
  for (let attempt = from; ; attempt++) {
    const code = codeFromBytes(keyedBytes('batch-code', `${seed}:${index}:${attempt}`));
    const pin = pinFromBytes(keyedBytes('batch-pin', `${seed}:${index}:${attempt}`).subarray(0, 16));
    if (code && pin) return { code, pin, attempt };
  }
}

function templateOf(product: CardProduct, brandName: string, amount: Fen, now: number): CardTemplate {
  const face = product.faces[0]!;
  return {
    owner: '',
    brandId: product.brandId,
    brandName,
    productId: product._id,
    productName: product.name,
    kind: product.kind,
    face: { id: face.id, name: face.name, image: face.image },
    blessing: face.blessing,
    state: 'unbound',
    balance: amount,
    initialValue: amount,
    paidValue: amount,
    bonusValue: fen(0),
    origin: 'batch',
    redeemed: fen(0),
    transfers: 0,
    transferLimit: product.transferLimit,
    expiresAt: expiryOf(product.validity, now),
    refundableUntil: null,
  };
}

async function writeCard(tx: Tx, batch: BatchRecord, code: string, pin: string, now: number): Promise<void> {
  const codeHash = keyedHash('code', code);
  const id = batchCardId(codeHash);
  const blank: Card = {
    ...batch.template,
    _id: id,
    balance: fen(0),
    codeHash,
    last4: code.slice(-4),
    pinHash: pinHashFor(id, pin),
    activatedAt: now,
    updatedAt: now,
  };
  const { card, entry } = activate(blank, batch.amount, batch._id);
  await txAdd(tx, C.cards, card);
  await txAdd(tx, C.ledger, entry);
}

/** One transaction: starts the batch if new, then issues its next chunk and records the progress. */
async function issueChunk(seed: string, fresh: BatchRecord, now: number, caller: CallerContext): Promise<BatchRecord> {
  return transaction(async (tx) => {
    const saved = await txGet<BatchRecord>(tx, C.batches, fresh._id);
    if (saved && (saved.productId !== fresh.productId || saved.amount !== fresh.amount || saved.count !== fresh.count))
      return refuse(ErrorCode.INVALID_ARGUMENT, 'requestId already used for another batch');
    const batch = saved ?? fresh;
    if (batch.issued >= batch.count) return batch;
    if (!saved) {
      await txAudit(
        tx,
        caller,
        {
          role: 'operator',
          action: 'batch.issue',
          target: { kind: 'product', id: batch.productId },
          brandId: batch.brandId,
          details: { count: batch.count, amount: batch.amount, total: batch.amount * batch.count },
        },
        now,
      );
    }
    const end = Math.min(batch.count, batch.issued + BATCH_CHUNK);
    const skips = { ...batch.skips };
    for (let i = batch.issued; i < end; i++) {
      for (let from = skips[i] ?? 0; ;) {
        const d = derive(seed, i, from);
        // Another card already has this number (odds ~1 in 10^20): the next attempt, remembered.
        if (await txGet<Card>(tx, C.cards, batchCardId(keyedHash('code', d.code)))) {
          from = d.attempt + 1;
          skips[i] = from;
          continue;
        }
        await writeCard(tx, batch, d.code, d.pin, now);
        break;
      }
    }
    const next: BatchRecord = {
      ...batch,
      issued: end,
      skips,
      updatedAt: now,
      completedAt: end === batch.count ? now : null,
    };
    await txSet(tx, C.batches, next);
    return next;
  });
}

/**
 * Issues `count` cards for the operator's request `requestId`, chunk by chunk, and lists them all
 * once the batch is complete. Called again with the same request id it carries on (or, when the
 * batch is already complete, lists the same cards again to the same operator: a lost answer must
 * not leave cards nobody can sell).
 */
export async function issueBatch(
  product: CardProduct,
  brandName: string,
  amount: Fen,
  count: number,
  requestId: string,
  now: number,
  caller: CallerContext,
): Promise<IssuedCard[]> {
  if (!acceptsAmount(product, amount)) {
    throw new DomainError(ErrorCode.AMOUNT_NOT_ALLOWED, 'amount not sold by this product');
  }
  const seed = `${caller.openId}:${requestId}`;
  const fresh: BatchRecord = {
    _id: `batch-${keyedHash('batch', seed).slice(0, 40)}`,
    brandId: product.brandId,
    productId: product._id,
    amount,
    count,
    issued: 0,
    skips: {},
    template: templateOf(product, brandName, amount, now),
    createdBy: caller.openId,
    createdAt: now,
    updatedAt: now,
    completedAt: null,
  };
  let batch = await issueChunk(seed, fresh, now, caller);
  while (batch.issued < batch.count) batch = await issueChunk(seed, fresh, now, caller);
  return Array.from({ length: batch.count }, (_, i) => {
    const { code, pin } = derive(seed, i, batch.skips[i] ?? 0);
    return { cardNumber: groupCode(code), pin, last4: code.slice(-4) };
  });
}
