/**
 * The wallet function's actions: my cards, one card with its history, bind by card number + PIN,
 * refund, and an extension request for an expired card. A card of someone else is "not found".
 */
import { WALLET_GROUPS, type Card, type WalletGroup } from '../../../src/domain/card';
import { DomainError, ErrorCode } from '../../../src/domain/errors';
import type { LedgerEntry } from '../../../src/domain/ledger';
import { addFen, fen } from '../../../src/domain/money';
import { PURCHASE_RULES } from '../../../src/domain/rules';
import { WALLET_LIMITS, type WalletActions } from '../../../src/contracts/wallet';
import { getDatabase, rows } from '../cloud';
import { now } from '../clock';
import { C } from '../collections';
import type { ExtensionRequest } from '../../../src/domain/expiry';
import { requestExtension } from '../expiry/extensions';
import { toCardExpiryView, toCardExtensionView } from '../expiry/views';
import { holderPayActions } from '../redeem/holder-actions';
import { offlineKeyActions } from '../redeem/offline-actions';
import { action, mergeTables, type ActionsFor } from '../router';
import { textSchema, z } from '../validate';
import { bindCard } from './bind-card';
import { profileActions } from './profile';
import { refundNoFor, requestRefund } from './refund-card';
import { toCardView, toHistoryView, toRefundView, type RefundRecord } from './views';

type Out<A extends keyof WalletActions> = WalletActions[A]['output'];

const cardId = z
  .string()
  .min(2)
  .max(WALLET_LIMITS.idMax)
  .regex(/^[a-z0-9][a-z0-9-]*$/, 'malformed card id');

/** A holder's wallet is bounded in practice; the cloud's largest page holds it. */
const WALLET_PAGE = 1000;

async function myCard(id: string, owner: string): Promise<Card> {
  const card = rows<Card>(await getDatabase().collection(C.cards).where({ _id: id, owner }).limit(1).get())[0];
  if (!card) throw new DomainError(ErrorCode.NOT_FOUND, 'card not found');
  return card;
}

/** The holder's own actions; the pay-code ones live with the rest of paying in store. */
const ownActions = {
  list: action({
    access: 'user',
    input: z.object({}).strict(),
    run: async (_input, caller): Promise<Out<'list'>> => {
      const db = getDatabase();
      const [cardRows, staffRows] = await Promise.all([
        db
          .collection(C.cards)
          // Not a group gift's unclaimed share cards (see Card.walletHidden).
          .where({ owner: caller.openId, walletHidden: db.command.neq(true) })
          .orderBy('activatedAt', 'desc')
          .limit(WALLET_PAGE)
          .get(),
        // Whether the caller has a staff role: where the platform gives the identity (the
        // mini-program) there is no session to carry it, and the app asks for a staff profile only then.
        db.collection(C.staff).where({ _id: caller.openId }).field({ _id: true }).limit(1).get(),
      ]);
      const cards = rows<Card>(cardRows);
      const at = now();
      const views = cards.map((c) => toCardView(c, at));
      const counts = Object.fromEntries(WALLET_GROUPS.map((g) => [g, 0])) as Record<WalletGroup, number>;
      let totalBalance = fen(0);
      for (const v of views) {
        counts[v.group]++;
        if (v.group === 'usable') totalBalance = addFen(totalBalance, v.balance);
      }
      return { cards: views, totalBalance, counts, staff: rows(staffRows).length > 0 };
    },
  }),

  detail: action({
    access: 'user',
    input: z.object({ cardId }).strict(),
    run: async ({ cardId: id }, caller): Promise<Out<'detail'>> => {
      let card = await myCard(id, caller.openId);
      const db = getDatabase();
      const [history, extensions, refunds] = await Promise.all([
        db.collection(C.ledger).where({ cardId: id }).orderBy('at', 'desc').limit(WALLET_PAGE).get(),
        db
          .collection(C.extensions)
          .where({ cardId: id, owner: caller.openId })
          .orderBy('requestedAt', 'desc')
          .limit(1)
          .get(),
        card.state === 'refunding' || card.state === 'refunded'
          ? db
              .collection(C.refunds)
              .where({ _id: refundNoFor(id), owner: caller.openId })
              .get()
          : Promise.resolve({ data: [] }),
      ]);
      const refund = rows<RefundRecord>(refunds)[0];
      // The refund's completion writes the record and the card together, but these reads are apart:
      // a completion between them would show a card still refunding beside a refund that succeeded.
      if (card.state === 'refunding' && refund?.status === 'succeeded') card = await myCard(id, caller.openId);
      const entries = rows<LedgerEntry>(history);
      const at = now();
      return {
        card: toCardView(card, at),
        history: entries.map(toHistoryView),
        refund: refund ? toRefundView(refund) : null,
        expiry: toCardExpiryView(card, entries, rows<ExtensionRequest>(extensions)[0], at),
      };
    },
  }),

  bind: action({
    access: 'user',
    input: z
      .object({
        cardNumber: z.string().min(1).max(WALLET_LIMITS.cardNumberMax),
        pin: z.string().min(1).max(WALLET_LIMITS.pinMax),
      })
      .strict(),
    run: async ({ cardNumber, pin }, caller): Promise<Out<'bind'>> => {
      const at = now();
      const card = await bindCard(caller, cardNumber, pin, at, PURCHASE_RULES);
      return { card: toCardView(card, at) };
    },
  }),

  requestExtension: action({
    access: 'user',
    input: z.object({ cardId, note: textSchema(WALLET_LIMITS.noteMax).optional() }).strict(),
    run: async ({ cardId: id, note }, caller): Promise<Out<'requestExtension'>> => {
      const request = await requestExtension(caller, id, (note ?? '').trim(), now());
      return { extension: toCardExtensionView(request) };
    },
  }),

  refund: action({
    access: 'user',
    input: z.object({ cardId }).strict(),
    run: async ({ cardId: id }, caller): Promise<Out<'refund'>> => {
      const at = now();
      const { card, refund } = await requestRefund(caller, id, at);
      return { card: toCardView(card, at), refund: toRefundView(refund) };
    },
  }),
} satisfies ActionsFor<
  Omit<WalletActions, keyof typeof holderPayActions | keyof typeof offlineKeyActions | keyof typeof profileActions>
>;

export const walletActions = mergeTables(
  holderPayActions,
  offlineKeyActions,
  ownActions,
  profileActions,
) satisfies ActionsFor<WalletActions>;
