/**
 * The money invariants of product.md, checked against the whole database: every card's balance is
 * the replay of its ledger and never negative, value is conserved across the ledger's types, and
 * every paid order has exactly its cards (unpaid ones none), and every open gift's value sits on
 * its locked card(s) — one for a single gift, one per unclaimed share for a group gift kept in share
 * documents — while no other card is locked; every share is claimed once at most, by someone who
 * claimed nothing else of that gift, and its card belongs to its claimer.
 */
import { replayLedger, type LedgerEntry } from '../../../src/domain/ledger';
import type { Card } from '../../../src/domain/card';
import type { Order } from '../../../src/domain/order';
import { hasShareDocs, withShares, type Gift, type GiftShareDoc } from '../../../src/domain/gift';
import { redeemEntryId, reverseEntryId, type Redemption } from '../../../src/domain/redemption';
import { ledgerEntryId } from '../../../src/domain/balance-change';
import type { SplitFields } from '../../../src/domain/split-pay';
import type { TestCloud } from './local-cloud';

export async function allDocs<T>(
  cloud: Pick<TestCloud, 'db'>,
  collectionName: string,
  where: Record<string, unknown> = {},
): Promise<T[]> {
  const out: T[] = [];
  for (let offset = 0; ; offset += 1000) {
    const res = (await cloud.db.handle({
      action: 'database.getDocument',
      collectionName,
      queryType: 'WHERE',
      query: JSON.stringify(where),
      offset,
      limit: 1000,
    })) as { data: { list: string[] } };
    out.push(...res.data.list.map((s) => JSON.parse(s) as T));
    if (res.data.list.length < 1000) return out;
  }
}

export interface MoneyTotals {
  issued: number;
  balances: number;
  redeemed: number;
  voided: number;
  expired: number;
}

/**
 * The documents the invariants look at: all of them, or only what a closed group of holders owns
 * (their cards, those cards' entries and pay codes, their orders and the gifts they sent) — which
 * conserves value on its own as long as their gifts went only to each other.
 */
async function moneyDocs(cloud: Pick<TestCloud, 'db'>, owners?: readonly string[]) {
  if (!owners) {
    return Promise.all([
      allDocs<Card>(cloud, 'cards'),
      allDocs<LedgerEntry>(cloud, 'ledger'),
      allDocs<Order>(cloud, 'orders'),
      allDocs<Gift>(cloud, 'gifts'),
      allDocs<Redemption>(cloud, 'redemptions'),
      allDocs<GiftShareDoc>(cloud, 'giftShares'),
    ] as const);
  }
  const mine = { $in: owners };
  const cards = await allDocs<Card>(cloud, 'cards', { owner: mine });
  const cardIds = { $in: cards.map((c) => c._id) };
  const gifts = await allDocs<Gift>(cloud, 'gifts', { sender: mine });
  return Promise.all([
    cards,
    allDocs<LedgerEntry>(cloud, 'ledger', { cardId: cardIds }),
    allDocs<Order>(cloud, 'orders', { owner: mine }),
    gifts,
    allDocs<Redemption>(cloud, 'redemptions', { cardId: cardIds }),
    allDocs<GiftShareDoc>(cloud, 'giftShares', { giftId: { $in: gifts.map((g) => g._id) } }),
  ] as const);
}

/** Throws with every problem found; returns the totals when all hold. `owners` narrows it to those holders. */
export async function checkMoneyInvariants(
  cloud: Pick<TestCloud, 'db'>,
  owners?: readonly string[],
): Promise<MoneyTotals> {
  const [cards, ledger, orders, storedGifts, redemptions, shareDocs] = await moneyDocs(cloud, owners);
  const sharesOf = new Map<string, GiftShareDoc[]>();
  for (const s of shareDocs) sharesOf.set(s.giftId, [...(sharesOf.get(s.giftId) ?? []), s]);
  const problems: string[] = [];
  const byCard = new Map<string, LedgerEntry[]>();
  for (const e of ledger) byCard.set(e.cardId, [...(byCard.get(e.cardId) ?? []), e]);
  for (const card of cards) {
    if (!Number.isInteger(card.balance) || card.balance < 0) problems.push(`${card._id}: balance ${card.balance}`);
    const replay = replayLedger(byCard.get(card._id) ?? []);
    problems.push(...replay.problems.map((p) => `${card._id}: ${p}`));
    if (replay.balance !== card.balance)
      problems.push(`${card._id}: balance ${card.balance}, ledger replay ${replay.balance}`);
  }
  for (const cardId of byCard.keys())
    if (!cards.some((c) => c._id === cardId)) problems.push(`ledger entries for missing card ${cardId}`);
  const cardIds = new Set(cards.map((c) => c._id));
  for (const o of orders) {
    const issued = cards.filter((c) => c.orderId === o._id);
    const expected = o.status === 'paid' ? o.quantity : 0;
    if (issued.length !== expected)
      problems.push(`order ${o._id} (${o.status}) has ${issued.length} cards, expected ${expected}`);
    if (o.status === 'paid' && !o.cardIds.every((id) => cardIds.has(id)))
      problems.push(`order ${o._id} lists missing cards`);
  }
  const cardById = new Map(cards.map((c) => [c._id, c]));
  const legacy = storedGifts.filter((g) => !hasShareDocs(g));
  const grouped = storedGifts.filter(hasShareDocs);
  const openGifts = legacy.filter((g) => g.state === 'open' || g.state === 'partlyClaimed');
  for (const g of openGifts) {
    const locked = cardById.get(g.cardId);
    const held = g.amount - g.claimedAmount;
    if (!locked || locked.state !== 'gifting' || locked.giftId !== g._id || locked.balance !== held)
      problems.push(
        `open gift ${g._id} holds ${held} but its card is ${JSON.stringify(locked && [locked.state, locked.balance])}`,
      );
    const shares = g.shares.reduce((s, x) => s + x.amount, 0);
    if (shares !== g.amount) problems.push(`gift ${g._id}: shares sum to ${shares}, not ${g.amount}`);
  }
  const lockedBy = new Set(openGifts.map((g) => g._id));
  for (const g of grouped) {
    const docs = sharesOf.get(g._id) ?? [];
    if (docs.length !== g.shareCount) problems.push(`gift ${g._id}: ${docs.length} shares, expected ${g.shareCount}`);
    const sum = docs.reduce((s, x) => s + x.amount, 0);
    if (sum !== g.amount) problems.push(`gift ${g._id}: shares sum to ${sum}, not ${g.amount}`);
    const open = g.state === 'open';
    if (open) lockedBy.add(g._id);
    else if (g.state !== 'returning' && docs.some((d) => d.state === 'free'))
      problems.push(`gift ${g._id} is ${g.state} with free shares`);
    for (const d of docs) {
      const card = cardById.get(d._id);
      if (!card) continue; // narrowed to other holders
      if (d.state === 'free' && (card.state !== 'gifting' || card.giftId !== g._id || card.balance !== d.amount))
        problems.push(
          `free share ${d._id} of ${d.amount} but its card is ${JSON.stringify([card.state, card.balance])}`,
        );
      if (d.state === 'claimed' && card.owner !== d.claimedBy)
        problems.push(`share ${d._id} claimed by ${d.claimedBy} but its card is ${card.owner}'s`);
      if (d.state === 'returned' && (card.balance !== 0 || card.state !== 'used'))
        problems.push(`returned share ${d._id} still holds ${card.balance}`);
    }
    if (!open && g.state !== 'returning') {
      const counted = withShares({ ...g, state: 'open' }, docs);
      if (counted.claimedCount !== g.claimedCount || counted.claimedAmount !== g.claimedAmount)
        problems.push(`ended gift ${g._id} says ${g.claimedCount} claimed, its shares ${counted.claimedCount}`);
    }
  }
  for (const c of cards)
    if (c.state === 'gifting' && !lockedBy.has(c.giftId ?? ''))
      problems.push(`card ${c._id} is locked by no open gift`);
  const gifts = storedGifts.map((g) => (hasShareDocs(g) ? withShares(g, sharesOf.get(g._id) ?? []) : g));
  for (const g of gifts) {
    const claimed = g.shares.filter((s) => s.claimedBy !== undefined);
    if (claimed.length !== g.claimedCount || new Set(claimed.map((s) => s.claimedBy)).size !== claimed.length)
      problems.push(
        `gift ${g._id}: claims ${JSON.stringify(claimed.map((s) => s.claimedBy))}, count ${g.claimedCount}`,
      );
  }
  problems.push(...redemptionProblems(redemptions, ledger));
  const sum = (type: LedgerEntry['type']): number =>
    ledger.filter((e) => e.type === type).reduce((s, e) => s + Math.abs(e.amount), 0);
  const totals: MoneyTotals = {
    issued: sum('ACTIVATE'),
    balances: cards.reduce((s, c) => s + c.balance, 0),
    redeemed: sum('REDEEM') - sum('REFUND'),
    voided: sum('VOID'),
    expired: sum('EXPIRE') - sum('REINSTATE'),
  };
  if (totals.issued !== totals.balances + totals.redeemed + totals.voided + totals.expired) {
    problems.push(`conservation: issued ${totals.issued} ≠ ${JSON.stringify(totals)}`);
  }
  // Gifting moves value between cards and never makes or loses any.
  if (sum('GIFT_OUT') !== sum('GIFT_IN')) problems.push(`gifting: out ${sum('GIFT_OUT')} ≠ in ${sum('GIFT_IN')}`);
  if (problems.length > 0) throw new Error(`money invariants broken:\n${problems.join('\n')}`);
  return totals;
}

/**
 * Every redemption that debited a card has exactly its REDEEM entry (and a reversed one its REFUND
 * entry) for its amount on its card, and no pay code that never debited has either.
 */
function redemptionProblems(redemptions: Redemption[], ledger: LedgerEntry[]): string[] {
  const problems: string[] = [];
  const byId = new Map(ledger.map((e) => [e._id, e]));
  for (const r of redemptions) {
    if ((r as SplitFields).split) {
      problems.push(...splitProblems(r, byId));
      continue;
    }
    const redeem = byId.get(redeemEntryId(r));
    const reverse = byId.get(reverseEntryId(r));
    const debited = r.state === 'completed' || r.state === 'reversed';
    if (debited !== !!redeem) problems.push(`pay code ${r._id} (${r.state}) REDEEM entry: ${JSON.stringify(redeem)}`);
    if ((r.state === 'reversed') !== !!reverse)
      problems.push(`pay code ${r._id} (${r.state}) REFUND entry: ${JSON.stringify(reverse)}`);
    for (const [e, sign] of [
      [redeem, -1],
      [reverse, 1],
    ] as const)
      if (e && (e.amount !== sign * (r.amount ?? 0) || e.cardId !== r.cardId || e.ref !== r._id))
        problems.push(
          `pay code ${r._id}: entry ${e._id} is ${e.amount} on ${e.cardId}, code says ${r.amount} on ${r.cardId}`,
        );
  }
  const codes = new Set(redemptions.map((r) => r._id));
  const expected = new Set(
    redemptions.flatMap((r) => [redeemEntryId(r), reverseEntryId(r), ...splitEntryIds(r as Redemption & SplitFields)]),
  );
  for (const e of ledger)
    if ((e.type === 'REDEEM' || e.type === 'REFUND') && codes.has(e.ref ?? '') && !expected.has(e._id))
      problems.push(`${e.type} entry ${e._id} is not one its redemption made`);
  for (const e of ledger)
    if ((e.type === 'REDEEM' || e.type === 'REFUND') && !codes.has(e.ref ?? ''))
      problems.push(`${e.type} entry ${e._id} belongs to no redemption`);
  return problems;
}

const splitEntryIds = (r: Redemption & SplitFields): string[] =>
  (r.parts ?? []).flatMap((p) => [ledgerEntryId(p.cardId, 'REDEEM', r._id), ledgerEntryId(p.cardId, 'REFUND', r._id)]);

/**
 * A split redemption: once used, each card's part has its REDEEM entry, and a REFUND entry exactly
 * when the debits were given back or the redemption reversed; the parts and the WeChat Pay part add
 * up to the bill; it completes only with its remainder paid, and a paid remainder of a redemption
 * whose debits went back is refunded.
 */
function splitProblems(r: Redemption & SplitFields, byId: Map<string, LedgerEntry>): string[] {
  const problems: string[] = [];
  const parts = r.parts ?? [];
  const used = r.state !== 'issued';
  if (used !== (r.parts !== undefined))
    problems.push(`split code ${r._id} (${r.state}) parts: ${JSON.stringify(parts)}`);
  const back = r.state === 'reversed' || (r.state === 'declined' && r.givenBackAt !== undefined);
  for (const p of parts) {
    const redeem = byId.get(ledgerEntryId(p.cardId, 'REDEEM', r._id));
    const refund = byId.get(ledgerEntryId(p.cardId, 'REFUND', r._id));
    if (!redeem || redeem.amount !== -p.amount)
      problems.push(`split code ${r._id}: REDEEM on ${p.cardId} is ${redeem?.amount}`);
    if (back !== !!refund || (refund && refund.amount !== p.amount))
      problems.push(`split code ${r._id} (${r.state}): REFUND on ${p.cardId} is ${refund?.amount}`);
  }
  if (used && r.amount !== undefined) {
    const total = parts.reduce((s, p) => s + p.amount, 0) + (r.remainder?.amount ?? 0);
    if (total !== r.amount) problems.push(`split code ${r._id}: parts and remainder ${total} ≠ bill ${r.amount}`);
  }
  const rem = r.remainder?.state;
  if (r.state === 'completed' && rem !== undefined && rem !== 'paid')
    problems.push(`split code ${r._id} completed with its remainder ${rem}`);
  if (r.state === 'declined' && rem !== undefined && rem !== 'unpaid' && rem !== 'refunding' && rem !== 'refunded')
    problems.push(`split code ${r._id} given back with its remainder ${rem}`);
  return problems;
}
