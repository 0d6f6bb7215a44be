/**
 * Issuing a batch of card-number + PIN cards for sale offline: in one transaction each card is
 * written unbound with its ACTIVATE entry (the value exists from issue on). The numbers and PINs
 * are returned once and never stored: only keyed hashes are.
 */
import { acceptsAmount, type CardProduct } from '../../../src/domain/catalog';
import type { Card } from '../../../src/domain/card';
import { groupCode } from '../../../src/domain/codes';
import { DomainError, ErrorCode } from '../../../src/domain/errors';
import type { LedgerEntry } from '../../../src/domain/ledger';
import type { Fen } from '../../../src/domain/money';
import { expiryOf } from '../../../src/domain/order';
import { C } from '../collections';
import { keyedHash, randomCode, randomPin } from '../secrets';
import { txAudit } from '../audit/audit-log';
import type { CallerContext } from '../cloud';
import { refuse, transaction, txAdd, txGet } from '../tx';
import { batchCardId, pinHashFor } from '../wallet/bind-card';

export interface IssuedCard {
  cardNumber: string;
  pin: string;
  last4: string;
}

export async function issueBatch(
  product: CardProduct,
  brandName: string,
  amount: Fen,
  count: number,
  now: number,
  caller: CallerContext,
): Promise<IssuedCard[]> {
  if (!acceptsAmount(product, amount)) {
    throw new DomainError(ErrorCode.AMOUNT_NOT_ALLOWED, 'amount not sold by this product');
  }
  const batch = Array.from({ length: count }, () => {
    const code = randomCode();
    const pin = randomPin();
    const codeHash = keyedHash('code', code);
    const id = batchCardId(codeHash);
    const card: Card = {
      _id: id,
      owner: '',
      brandId: product.brandId,
      brandName,
      productId: product._id,
      productName: product.name,
      kind: product.kind,
      face: { id: product.faces[0]!.id, name: product.faces[0]!.name, image: product.faces[0]!.image },
      blessing: product.faces[0]!.blessing,
      state: 'unbound',
      balance: amount,
      initialValue: amount,
      paidValue: amount,
      bonusValue: 0 as Fen,
      codeHash,
      last4: code.slice(-4),
      pinHash: pinHashFor(id, pin),
      origin: 'batch',
      redeemed: 0 as Fen,
      transfers: 0,
      transferLimit: product.transferLimit,
      activatedAt: now,
      expiresAt: expiryOf(product.validity, now),
      refundableUntil: null,
      updatedAt: now,
    };
    const entry: LedgerEntry = {
      _id: `${id}-activate`,
      cardId: id,
      owner: '',
      brandId: product.brandId,
      type: 'ACTIVATE',
      amount,
      balanceAfter: amount,
      at: now,
      ref: 'batch',
    };
    return { card, entry, issued: { cardNumber: groupCode(code), pin, last4: code.slice(-4) } };
  });
  await transaction(async (tx) => {
    for (const { card, entry } of batch) {
      if (await txGet<Card>(tx, C.cards, card._id)) return refuse(ErrorCode.CONFLICT, 'card number collision, retry');
      await txAdd(tx, C.cards, card);
      await txAdd(tx, C.ledger, entry);
    }
    await txAudit(
      tx,
      caller,
      {
        role: 'operator',
        action: 'batch.issue',
        target: { kind: 'product', id: product._id },
        brandId: product.brandId,
        details: { count, amount, total: amount * count },
      },
      now,
    );
    return true;
  });
  return batch.map((b) => b.issued);
}
