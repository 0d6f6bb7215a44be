/**
 * Checking one page of a brand's cards against their ledgers: each card's balance must equal the
 * replay of its entries and never be negative. Reads are not one snapshot — a card may be redeemed
 * between reading it and reading its entries — so a card that disagrees is read again on its own
 * before it is reported; one that still disagrees is a real mismatch. Nothing is ever fixed here.
 */
import type { CardMismatch } from '../../../src/contracts/reports';
import { replayLedger, type LedgerEntry } from '../../../src/domain/ledger';
import { getDatabase, rows } from '../cloud';
import { C } from '../collections';

type CardFacts = { _id: string; balance: number };
type EntryFacts = Pick<LedgerEntry, '_id' | 'cardId' | 'type' | 'amount' | 'balanceAfter' | 'at'>;

/** The cloud's largest page. */
const GET_MAX = 1000;
const ENTRY_FIELDS = { _id: true, cardId: true, type: true, amount: true, balanceAfter: true, at: true };

/** The entries of `cardIds`, paged by `_id`. */
async function entriesOf(cardIds: string[]): Promise<Map<string, EntryFacts[]>> {
  const db = getDatabase();
  const _ = db.command;
  const out = new Map<string, EntryFacts[]>(cardIds.map((id) => [id, []]));
  for (let after = ''; ;) {
    const page = rows<EntryFacts>(
      await db
        .collection(C.ledger)
        .where({ cardId: _.in(cardIds), _id: _.gt(after) })
        .orderBy('_id', 'asc')
        .limit(GET_MAX)
        .field(ENTRY_FIELDS)
        .get(),
    );
    for (const e of page) out.get(e.cardId)?.push(e);
    if (page.length < GET_MAX) return out;
    after = page[page.length - 1]!._id;
  }
}

function mismatchOf(card: CardFacts, entries: EntryFacts[]): CardMismatch | null {
  const replay = replayLedger(entries);
  const problems = [...replay.problems];
  if (card.balance < 0 || !Number.isInteger(card.balance)) problems.push(`balance ${card.balance} is not valid`);
  if (replay.balance !== card.balance) problems.push(`balance ${card.balance}, ledger replay ${replay.balance}`);
  return problems.length === 0 ? null : { cardId: card._id, balance: card.balance, replay: replay.balance, problems };
}

async function recheck(cardId: string): Promise<CardMismatch | null> {
  const card = rows<CardFacts>(
    await getDatabase().collection(C.cards).where({ _id: cardId }).field({ _id: true, balance: true }).get(),
  )[0];
  if (!card) return null;
  return mismatchOf(card, (await entriesOf([cardId])).get(cardId) ?? []);
}

export interface PageResult {
  /** Cards checked in this page. */
  checked: number;
  /** The last card id of the page: where the next page starts. */
  last: string;
  mismatches: CardMismatch[];
  /** No cards after this page. */
  end: boolean;
}

/** Checks the brand's next `size` cards after `after` (by `_id`). */
export async function checkCardPage(brandId: string, after: string, size: number): Promise<PageResult> {
  const db = getDatabase();
  const cards = rows<CardFacts>(
    await db
      .collection(C.cards)
      .where({ brandId, _id: db.command.gt(after) })
      .orderBy('_id', 'asc')
      .limit(size)
      .field({ _id: true, balance: true })
      .get(),
  );
  if (cards.length === 0) return { checked: 0, last: after, mismatches: [], end: true };
  const entries = await entriesOf(cards.map((c) => c._id));
  const mismatches: CardMismatch[] = [];
  for (const card of cards) {
    if (!mismatchOf(card, entries.get(card._id) ?? [])) continue;
    const again = await recheck(card._id);
    if (again) mismatches.push(again);
  }
  return { checked: cards.length, last: cards[cards.length - 1]!._id, mismatches, end: cards.length < size };
}
