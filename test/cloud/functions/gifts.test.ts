/**
 * Gifting end to end through the real SDK against the local cloud: sending (whole card, split,
 * group), the daily limit under concurrency, claiming races, cancelling, the return sweep racing
 * claims at the deadline, tokens, messages — with the money invariants checked after every test.
 */
import { GIFTS_FUNCTION, type GiftsActions } from '../../../src/contracts/gifts';
import { WALLET_FUNCTION, type WalletActions } from '../../../src/contracts/wallet';
import type { Card } from '../../../src/domain/card';
import type { Gift, GiftShareDoc } from '../../../src/domain/gift';
import { GIFT_RULES } from '../../../src/domain/gift';
import type { LedgerEntry } from '../../../src/domain/ledger';
import { calls, MARKET, face, sendInput } from '../support/calls';
import type { TestCloud } from '../support/local-cloud';
import { cloudPerFile } from '../support/cloud-per-file';
import { allDocs } from '../support/money-invariants';
import { fen } from '../../../src/domain/money';

jest.setTimeout(120_000);

let cloud: TestCloud;
const { as, ok, code, timer, buy, subscribe, client } = calls(() => cloud);
const giftsAs = (openId: string) => client<GiftsActions>(openId, GIFTS_FUNCTION);
const walletAs = (openId: string) => client<WalletActions>(openId, WALLET_FUNCTION);

type Out<A extends keyof GiftsActions> = GiftsActions[A]['output'];
type WalletOut<A extends keyof WalletActions> = WalletActions[A]['output'];

cloudPerFile((c) => (cloud = c));

/** A paid card of `openId` worth `amount` fen. */
async function cardOf(openId: string, amount = fen(10_000), over: Record<string, unknown> = {}): Promise<string> {
  const d = await buy(openId, { amount, ...over });
  return d.cards[0]!._id;
}

const send = (openId: string, cardId: string, over: Record<string, unknown> = {}) =>
  ok<Out<'send'>>(openId, 'gifts', sendInput(cardId, over));

const claim = (openId: string, token: string, name = '好友') => giftsAs(openId)('claim', { token, name });

async function stored<T extends { _id: string }>(collection: string, id: string): Promise<T> {
  return (await allDocs<T>(cloud, collection)).find((d) => d._id === id)!;
}

async function walletCard(openId: string, cardId: string): Promise<WalletOut<'detail'>> {
  return walletAs(openId)('detail', { cardId });
}

describe('a single gift', () => {
  test('should lock a whole card, move it to the claimer with the gift face and blessing, and tell both', async () => {
    await subscribe('g-alice', ['giftClaimed']);
    await subscribe('g-bob', ['giftReceived']);
    const cardId = await cardOf('g-alice');
    const sent = await send('g-alice', cardId, {
      faceId: face('prod-lanshan-coffee-card', 'thanks'),
      blessing: '谢谢你',
    });
    expect(sent.gift).toMatchObject({ whole: true, amount: 10_000, state: 'open', sharesTotal: 1 });
    expect(sent.token).toMatch(/^[0-9a-f]{24}\.[A-Za-z0-9_-]{22}$/);
    expect(sent.giftsLeftToday).toBe(GIFT_RULES.dailyLimit - 1);
    const locked = await walletCard('g-alice', cardId);
    expect(locked.card).toMatchObject({ state: 'gifting', group: 'gifting', balance: 10_000, refundable: false });
    expect(await code('g-alice', 'wallet', { action: 'refund', cardId })).toBe('CARD_NOT_ACTIVE');
    expect(await code('g-alice', 'gifts', sendInput(cardId))).toBe('CARD_NOT_ACTIVE');

    const view = await giftsAs('g-bob')('view', { token: sent.token });
    expect(view.gift).toMatchObject({ senderName: '小满', blessing: '谢谢你', amount: 10_000, sharesLeft: 1 });
    expect(view.gift.expiresAt - view.gift.now).toBeGreaterThan(GIFT_RULES.claimWindowMs - 60_000);
    expect(JSON.stringify(view)).not.toContain(cardId);

    const claimed = await claim('g-bob', sent.token, '阿博');
    expect(claimed).toEqual({ cardId, amount: 10_000 });
    const bobs = await walletCard('g-bob', cardId);
    expect(bobs.card).toMatchObject({ state: 'active', balance: 10_000, blessing: '谢谢你', refundable: false });
    expect(bobs.card.face.id).toBe(face('prod-lanshan-coffee-card', 'thanks'));
    expect(bobs.history.map((h) => h.type)).toEqual(['TRANSFER', 'ACTIVATE']);
    expect(await code('g-alice', 'wallet', { action: 'detail', cardId })).toBe('NOT_FOUND');

    const sentList = await giftsAs('g-alice')('sent', {});
    expect(sentList.gifts[0]).toMatchObject({
      state: 'claimed',
      claimedCount: 1,
      claims: [{ name: '阿博', amount: 10_000 }],
    });
    expect(sentList.gifts[0]!.token).toBeUndefined();
    const received = await giftsAs('g-bob')('received', {});
    expect(received.gifts).toEqual([expect.objectContaining({ cardId, amount: 10_000, senderName: '小满' })]);

    const box = cloud.outbox.list();
    expect(box.find((m) => m.to === 'g-alice' && m.kind === 'giftClaimed')?.fields).toMatchObject({ who: '阿博' });
    expect(box.find((m) => m.to === 'g-bob' && m.kind === 'giftReceived')?.fields).toMatchObject({ who: '小满' });
  });

  test('should split an amount off into a new card and leave the rest on the source', async () => {
    const cardId = await cardOf('g-split', fen(20_000));
    const sent = await send('g-split', cardId, { amount: 5_050 });
    expect(sent.gift).toMatchObject({ whole: false, amount: 5_050 });
    const source = await walletCard('g-split', cardId);
    expect(source.card).toMatchObject({ state: 'active', balance: 14_950, refundable: false });
    expect(source.history[0]).toMatchObject({ type: 'GIFT_OUT', amount: -5_050, balanceAfter: 14_950 });
    const { cardId: got } = await claim('g-split-friend', sent.token);
    expect(got).not.toBe(cardId);
    const friend = await walletCard('g-split-friend', got);
    expect(friend.card).toMatchObject({
      balance: 5_050,
      initialValue: 5_050,
      refundable: false,
      productName: source.card.productName,
    });
    expect(friend.card.expiresAt).toBe(source.card.expiresAt);
    expect(await code('g-split', 'wallet', { action: 'refund', cardId })).toBe('CARD_GIFTED');
  });

  test('should let exactly one of 50 concurrent claimers win', async () => {
    const sent = await send('g-race', await cardOf('g-race'));
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        as<Out<'claim'>>(`g-racer-${i}`, 'gifts', { action: 'claim', token: sent.token, name: `友${i}` }),
      ),
    );
    const winners = results.filter((r) => r.ok);
    expect(winners).toHaveLength(1);
    expect(new Set(results.filter((r) => !r.ok).map((r) => (r.ok ? '' : r.error.code)))).toEqual(
      new Set(['GIFT_CLAIMED']),
    );
    const gift = (await allDocs<Gift>(cloud, 'gifts')).find(
      (g) => g.cardId === sent.gift._id || g._id === sent.gift._id,
    )!;
    expect(gift).toMatchObject({ state: 'claimed', claimedCount: 1 });
    const card = await stored<Card>('cards', gift.cardId);
    expect(card.owner).toBe(gift.shares[0]!.claimedBy);
  });

  test('should give each refusal its own code and change nothing', async () => {
    const cardId = await cardOf('g-refuse');
    const sent = await send('g-refuse', cardId);
    expect(await code('g-refuse', 'gifts', { action: 'claim', token: sent.token, name: '我' })).toBe('OWN_GIFT');
    await claim('g-refuse-a', sent.token);
    expect(await code('g-refuse-a', 'gifts', { action: 'claim', token: sent.token, name: '我' })).toBe(
      'GIFT_ALREADY_CLAIMED',
    );
    expect(await code('g-refuse-b', 'gifts', { action: 'claim', token: sent.token, name: '我' })).toBe('GIFT_CLAIMED');
    expect(await code('g-refuse', 'gifts', { action: 'cancel', giftId: sent.gift._id })).toBe('GIFT_NOT_CANCELLABLE');

    // The coffee card may change hands once: its new holder can't gift it on.
    expect(await code('g-refuse-a', 'gifts', sendInput(cardId))).toBe('TRANSFER_LIMIT');
  });

  test('should let a registered card with two transfers be gifted on once more, and no further', async () => {
    const cardId = await cardOf('g-chain', fen(100_000), { productId: MARKET, faceId: face(MARKET, 'festival') });
    await claim('g-chain-1', (await send('g-chain', cardId)).token);
    await claim('g-chain-2', (await send('g-chain-1', cardId)).token);
    expect(await code('g-chain-2', 'gifts', sendInput(cardId))).toBe('TRANSFER_LIMIT');
    const d = await walletCard('g-chain-2', cardId);
    expect(d.card.balance).toBe(110_000);
    expect(d.history.map((h) => h.type)).toEqual(['TRANSFER', 'TRANSFER', 'ACTIVATE']);
  });

  test('should let the sender cancel an unclaimed gift: the card is usable again and the token dead', async () => {
    // She would be told of a return: a cancel is not one.
    await subscribe('g-cancel', ['giftReturned']);
    const cardId = await cardOf('g-cancel');
    const sent = await send('g-cancel', cardId);
    const { gift } = await giftsAs('g-cancel')('cancel', { giftId: sent.gift._id });
    expect(gift.state).toBe('cancelled');
    expect((await walletCard('g-cancel', cardId)).card).toMatchObject({
      state: 'active',
      balance: 10_000,
      refundable: true,
    });
    expect(await code('g-late', 'gifts', { action: 'claim', token: sent.token, name: '迟到' })).toBe('GIFT_CANCELLED');
    expect(await code('g-other', 'gifts', { action: 'cancel', giftId: sent.gift._id })).toBe('NOT_FOUND');
    expect(cloud.outbox.list('g-cancel').some((m) => m.kind === 'giftReturned')).toBe(false);
  });

  test('should answer a retried send with the same gift, counted once', async () => {
    const cardId = await cardOf('g-retry');
    const input = sendInput(cardId);
    const [a, b] = await Promise.all([
      ok<Out<'send'>>('g-retry', 'gifts', input),
      ok<Out<'send'>>('g-retry', 'gifts', input),
    ]);
    const c = await ok<Out<'send'>>('g-retry', 'gifts', input);
    expect(new Set([a.gift._id, b.gift._id, c.gift._id]).size).toBe(1);
    expect(c.giftsLeftToday).toBe(GIFT_RULES.dailyLimit - 1);
    expect((await allDocs<Gift>(cloud, 'gifts')).filter((g) => g.sender === 'g-retry')).toHaveLength(1);
    expect(await code('g-retry', 'gifts', { ...input, mode: 'group', shares: 2 })).toBe('IDEMPOTENCY_MISMATCH');
  });
});

describe('a group gift', () => {
  test('should give 10 shares to exactly 10 of 30 concurrent claimers, summing to the gift', async () => {
    const cardId = await cardOf('g-group', fen(100_000));
    const sent = await send('g-group', cardId, { mode: 'group', amount: 8_888, shares: 10, shareMode: 'random' });
    expect((await walletCard('g-group', cardId)).card.balance).toBe(100_000 - 8_888);
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        as<Out<'claim'>>(`g-member-${i}`, 'gifts', { action: 'claim', token: sent.token, name: `群友${i}` }),
      ),
    );
    const won = results.flatMap((r) => (r.ok ? [r.data] : []));
    expect(won).toHaveLength(10);
    expect(won.reduce((s, w) => s + w.amount, 0)).toBe(8_888);
    expect(won.every((w) => w.amount >= 1)).toBe(true);
    expect(new Set(results.flatMap((r) => (r.ok ? [] : [r.error.code])))).toEqual(new Set(['GIFT_ALL_CLAIMED']));
    // The gift document isn't written by claims: its counts come from its shares.
    const sentView = (await giftsAs('g-group')('sent', {})).gifts[0]!;
    expect(sentView).toMatchObject({ state: 'claimed', sharesTotal: 10, claimedCount: 10, claimedAmount: 8_888 });
    expect(sentView.claims).toHaveLength(10);
    const shares = (await allDocs<GiftShareDoc>(cloud, 'giftShares')).filter((d) => d.giftId === sent.gift._id);
    expect(shares.map((d) => d.state)).toEqual(Array(10).fill('claimed'));
    for (const w of won) expect((await stored<Card>('cards', w.cardId)).state).toBe('active');
  });

  test('should give a person tapping claim 6 times at once exactly one share, the marker id being the guard', async () => {
    // The claim reads no marker inside its transaction: two taps that both passed the check up front
    // meet at the marker's add — a write conflict while the other is open, a duplicate id once it
    // committed — and only one share moves.
    const cardId = await cardOf('g-taps', fen(10_000));
    const sent = await send('g-taps', cardId, { mode: 'group', amount: 6_000, shares: 6, shareMode: 'equal' });
    const results = await Promise.all(
      Array.from({ length: 6 }, () =>
        as<Out<'claim'>>('g-tapper', 'gifts', { action: 'claim', token: sent.token, name: '手快' }),
      ),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(new Set(results.flatMap((r) => (r.ok ? [] : [r.error.code])))).toEqual(new Set(['GIFT_ALREADY_CLAIMED']));
    const shares = (await allDocs<GiftShareDoc>(cloud, 'giftShares')).filter((d) => d.giftId === sent.gift._id);
    expect(shares.filter((d) => d.state === 'claimed').map((d) => d.claimedBy)).toEqual(['g-tapper']);
    const cards = (await allDocs<Card>(cloud, 'cards')).filter((c) => c.owner === 'g-tapper');
    expect(cards.map((c) => c.balance)).toEqual([1_000]);
  });

  test('should give one claimer one share only, and return the unclaimed rest after the window', async () => {
    await subscribe('g-part', ['giftReturned']);
    const cardId = await cardOf('g-part', fen(10_000));
    const sent = await send('g-part', cardId, { mode: 'group', amount: 3_000, shares: 3, shareMode: 'equal' });
    await claim('g-part-a', sent.token);
    expect(await code('g-part-a', 'gifts', { action: 'claim', token: sent.token, name: 'again' })).toBe(
      'GIFT_ALREADY_CLAIMED',
    );
    expect((await giftsAs('g-part-b')('view', { token: sent.token })).gift).toMatchObject({
      state: 'partlyClaimed',
      sharesLeft: 2,
      mine: { isSender: false, claimedAmount: null },
    });
    expect(await code('g-part', 'gifts', { action: 'cancel', giftId: sent.gift._id })).toBe('GIFT_NOT_CANCELLABLE');
    cloud.clock.advance(GIFT_RULES.claimWindowMs + 1_000);
    expect(await code('g-part-b', 'gifts', { action: 'claim', token: sent.token, name: '晚了' })).toBe('GIFT_EXPIRED');
    const report = await timer<{ returned: number }>('gifts', 'giftReturner');
    expect(report.returned).toBeGreaterThanOrEqual(1);
    const gift = await stored<Gift>('gifts', sent.gift._id);
    expect(gift).toMatchObject({ state: 'returned', claimedCount: 1, claimedAmount: 1_000 });
    // The two unclaimed shares come back onto one card in the sender's wallet.
    const back = await walletCard('g-part', gift.cardId);
    expect(back.card).toMatchObject({ state: 'active', balance: 2_000 });
    expect(back.history.map((e) => [e.type, e.amount, e.balanceAfter])).toEqual([
      ['GIFT_IN', 1_000, 2_000],
      ['GIFT_IN', 1_000, 1_000],
    ]);
    expect(cloud.outbox.list('g-part').find((m) => m.kind === 'giftReturned')?.fields).toMatchObject({
      amount: '¥20.00',
    });
  });
});

describe("a hot group gift (issue 18: no claim writes a document another share's claim writes)", () => {
  test('should give 100 shares to 100 of 200 concurrent claimers, once each, with no busy answers', async () => {
    const cardId = await cardOf('g-hot', fen(100_000));
    const sent = await send('g-hot', cardId, { mode: 'group', amount: 50_000, shares: 100, shareMode: 'random' });
    expect(sent.gift).toMatchObject({ sharesTotal: 100, claimedCount: 0, state: 'open' });
    const results = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        as<Out<'claim'>>(`g-hot-${i}`, 'gifts', { action: 'claim', token: sent.token, name: `群友${i}` }),
      ),
    );
    const codes = results.flatMap((r) => (r.ok ? [] : [r.error.code]));
    expect(codes.filter((c) => c === 'CONFLICT')).toHaveLength(0);
    expect(new Set(codes)).toEqual(new Set(['GIFT_ALL_CLAIMED']));
    const won = results.flatMap((r) => (r.ok ? [r.data] : []));
    expect(won).toHaveLength(100);
    expect(new Set(won.map((w) => w.cardId)).size).toBe(100);
    expect(won.reduce((sum, w) => sum + w.amount, 0)).toBe(50_000);
    const shares = (await allDocs<GiftShareDoc>(cloud, 'giftShares')).filter((d) => d.giftId === sent.gift._id);
    expect(shares.every((d) => d.state === 'claimed')).toBe(true);
    expect(new Set(shares.map((d) => d.claimedBy)).size).toBe(100);
    // Each share's card went to whoever its document names, with one TRANSFER entry.
    const cards = new Map((await allDocs<Card>(cloud, 'cards')).map((c) => [c._id, c]));
    for (const d of shares) expect(cards.get(d._id)).toMatchObject({ owner: d.claimedBy, state: 'active' });
    const transfers = (await allDocs<LedgerEntry>(cloud, 'ledger')).filter(
      (e) => e.type === 'TRANSFER' && e.ref === sent.gift._id,
    );
    expect(transfers).toHaveLength(100);
  });

  test('should answer claims after the last share from the gift and the claimer’s marker alone', async () => {
    const cardId = await cardOf('g-gone', fen(10_000));
    const sent = await send('g-gone', cardId, { mode: 'group', amount: 2_000, shares: 2, shareMode: 'equal' });
    const claim = (who: string) => as<Out<'claim'>>(who, 'gifts', { action: 'claim', token: sent.token, name: who });
    expect((await claim('g-gone-a')).ok).toBe(true);
    expect((await claim('g-gone-b')).ok).toBe(true);
    const giftDoc = async () => (await allDocs<Gift>(cloud, 'gifts', { _id: sent.gift._id }))[0]!;
    expect(await giftDoc()).not.toHaveProperty('sharesGoneAt');
    // The first to find no share free reads the shares and says so on the gift.
    expect(await claim('g-gone-c')).toMatchObject({ ok: false, error: { code: 'GIFT_ALL_CLAIMED' } });
    expect((await giftDoc()).sharesGoneAt).toEqual(expect.any(Number));
    // Later claims: the gift and the marker, no share read, and each its right answer.
    cloud.db.resetStats();
    expect(await claim('g-gone-d')).toMatchObject({ ok: false, error: { code: 'GIFT_ALL_CLAIMED' } });
    expect(cloud.db.stats()).toMatchObject({ calls: 2, byAction: { 'database.getDocument': 2 } });
    expect(await claim('g-gone-a')).toMatchObject({ ok: false, error: { code: 'GIFT_ALREADY_CLAIMED' } });
    expect(await claim('g-gone')).toMatchObject({ ok: false, error: { code: 'OWN_GIFT' } });
  });

  test('should give a claimer racing themselves 10 times exactly one share', async () => {
    const cardId = await cardOf('g-self', fen(10_000));
    const sent = await send('g-self', cardId, { mode: 'group', amount: 5_000, shares: 5, shareMode: 'equal' });
    const results = await Promise.all(
      Array.from({ length: 10 }, () =>
        as<Out<'claim'>>('g-self-friend', 'gifts', { action: 'claim', token: sent.token, name: '我' }),
      ),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(new Set(results.flatMap((r) => (r.ok ? [] : [r.error.code])))).toEqual(new Set(['GIFT_ALREADY_CLAIMED']));
    const view = (await giftsAs('g-self-friend')('view', { token: sent.token })).gift;
    expect(view).toMatchObject({ state: 'partlyClaimed', sharesLeft: 4, mine: { claimedAmount: 1_000 } });
    const received = await giftsAs('g-self-friend')('received', {});
    expect(received.gifts.map((g) => [g.giftId, g.amount])).toEqual([[sent.gift._id, 1_000]]);
  });

  test('should give back exactly the unclaimed value after the window, once, with two sweeps racing', async () => {
    await subscribe('g-back', ['giftReturned']);
    const cardId = await cardOf('g-back', fen(100_000));
    const sent = await send('g-back', cardId, { mode: 'group', amount: 77_777, shares: 60, shareMode: 'random' });
    const won = await Promise.all(Array.from({ length: 23 }, (_, i) => claim(`g-back-${i}`, sent.token)));
    const claimed = won.reduce((sum, w) => sum + w.amount, 0);
    cloud.clock.advance(GIFT_RULES.claimWindowMs + 1_000);
    await Promise.all([timer('gifts', 'giftReturner'), timer('gifts', 'giftReturner')]);
    const gift = await stored<Gift>('gifts', sent.gift._id);
    expect(gift).toMatchObject({ state: 'returned', claimedCount: 23, claimedAmount: claimed });
    const back = await walletCard('g-back', gift.cardId);
    expect(back.card).toMatchObject({ state: 'active', balance: 77_777 - claimed });
    expect(back.history).toHaveLength(37);
    expect((await walletCard('g-back', cardId)).card.balance).toBe(100_000 - 77_777);
    // The claimers keep theirs; the sender's wallet shows the source and the returned card only.
    for (const w of won) expect((await stored<Card>('cards', w.cardId)).balance).toBe(w.amount);
    const wallet = await walletAs('g-back')('list', {});
    expect(wallet.cards.map((c) => c._id).sort()).toEqual([cardId, gift.cardId].sort());
    expect(cloud.outbox.list('g-back').filter((m) => m.kind === 'giftReturned')).toHaveLength(1);
    expect((await timer<{ returned: number }>('gifts', 'giftReturner')).returned).toBe(0);
  });

  test('should let the sender cancel an unclaimed group gift: every share back on one card, claims refused', async () => {
    const cardId = await cardOf('g-gcancel', fen(10_000));
    const sent = await send('g-gcancel', cardId, { mode: 'group', amount: 9_000, shares: 30, shareMode: 'equal' });
    const cancelled = await giftsAs('g-gcancel')('cancel', { giftId: sent.gift._id });
    expect(cancelled.gift).toMatchObject({ state: 'cancelled', claimedCount: 0 });
    expect(cancelled.gift.token).toBeUndefined();
    expect(await code('g-gcancel-f', 'gifts', { action: 'claim', token: sent.token, name: 'x' })).toBe(
      'GIFT_CANCELLED',
    );
    expect((await walletCard('g-gcancel', `${sent.gift._id}-back`)).card.balance).toBe(9_000);
  });
});

describe('gifts made from gifts', () => {
  test('should let a share of a group gift be sent on as a group gift and claimed, again and again', async () => {
    // A registered card may change hands twice: a share claimed from a group gift goes on once more.
    const cardId = await cardOf('g-relay', fen(100_000), { productId: MARKET, faceId: face(MARKET, 'festival') });
    const first = await send('g-relay', cardId, { mode: 'group', amount: 6_000, shares: 2, shareMode: 'equal' });
    const share = await claim('g-relay-1', first.token);
    const second = await send('g-relay-1', share.cardId, {
      mode: 'group',
      amount: 3_000,
      shares: 2,
      shareMode: 'equal',
    });
    const again = await claim('g-relay-2', second.token);
    expect(again.amount).toBe(1_500);
    // Every card a gift made is a card of its own.
    const ids = [cardId, share.cardId, again.cardId, (await claim('g-relay-3', second.token)).cardId];
    expect(new Set(ids).size).toBe(4);
    expect((await walletCard('g-relay-2', again.cardId)).card.balance).toBe(1_500);
    expect((await walletCard('g-relay-1', share.cardId)).card.balance).toBe(0);
  });
});

describe('a group gift made before share documents (its shares kept on the gift, its value on one pool card)', () => {
  test('should cut each claimed share off the pool into a card of its own, the last leaving the pool used up', async () => {
    const cardId = await cardOf('g-legacy', fen(10_000));
    const sent = await send('g-legacy', cardId, { amount: 3_000 });
    // Such a gift as it was stored: the pool card holds the whole amount, the shares are on the gift.
    await cloud.db.handle({
      action: 'database.modifyDocument',
      collectionName: 'gifts',
      queryType: 'DOC',
      query: JSON.stringify({ _id: sent.gift._id }),
      data: JSON.stringify({ $set: { mode: 'group', shares: [{ amount: 1_000 }, { amount: 2_000 }] } }),
    });
    const first = await claim('g-legacy-1', sent.token);
    const second = await claim('g-legacy-2', sent.token);
    expect(await code('g-legacy-3', 'gifts', { action: 'claim', token: sent.token, name: 'x' })).toBe(
      'GIFT_ALL_CLAIMED',
    );
    expect([first.amount, second.amount]).toEqual([1_000, 2_000]);
    expect((await walletCard('g-legacy-1', first.cardId)).card).toMatchObject({ state: 'active', balance: 1_000 });
    expect((await walletCard('g-legacy-2', second.cardId)).card).toMatchObject({ state: 'active', balance: 2_000 });
    const pool = await stored<Card>('cards', (await stored<Gift>('gifts', sent.gift._id)).cardId);
    expect(pool).toMatchObject({ state: 'used', balance: 0 });
    const outs = (await allDocs<LedgerEntry>(cloud, 'ledger')).filter((e) => e.cardId === pool._id);
    expect(outs.map((e) => [e.type, e.amount, e.balanceAfter])).toEqual([
      ['GIFT_IN', 3_000, 3_000],
      ['GIFT_OUT', -1_000, 2_000],
      ['GIFT_OUT', -2_000, 0],
    ]);
  });
});

describe('the daily limit', () => {
  test('should let exactly 5 of 10 concurrent sends through on a fresh day', async () => {
    const cardIds = await Promise.all(Array.from({ length: 10 }, () => cardOf('g-daily', fen(10_000))));
    const results = await Promise.all(
      cardIds.map((id) => as<Out<'send'>>('g-daily', 'gifts', sendInput(id, { amount: 100 }))),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(GIFT_RULES.dailyLimit);
    expect(new Set(results.flatMap((r) => (r.ok ? [] : [r.error.code])))).toEqual(new Set(['GIFT_DAILY_LIMIT']));
    const sent = await giftsAs('g-daily')('sent', {});
    expect(sent).toMatchObject({ giftsLeftToday: 0 });
    expect(sent.gifts).toHaveLength(5);
  });

  test('should let 3 of 10 concurrent sends through with 3 left today', async () => {
    const cardIds = await Promise.all(Array.from({ length: 12 }, () => cardOf('g-daily2')));
    await send('g-daily2', cardIds[0]!, { amount: 100 });
    await send('g-daily2', cardIds[1]!, { amount: 100 });
    const results = await Promise.all(
      cardIds.slice(2).map((id) => as<Out<'send'>>('g-daily2', 'gifts', sendInput(id))),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(3);
  });
});

describe('the return sweep', () => {
  test('should return whole, split and group gifts, idempotently, and leave claimed ones alone', async () => {
    const whole = await cardOf('g-sweep', fen(5_000));
    const split = await cardOf('g-sweep', fen(5_000));
    const group = await cardOf('g-sweep', fen(5_000));
    const claimedCard = await cardOf('g-sweep', fen(5_000));
    const w = await send('g-sweep', whole);
    const s = await send('g-sweep', split, { amount: 1_234 });
    const g = await send('g-sweep', group, { mode: 'group', shares: 4 });
    const c = await send('g-sweep', claimedCard);
    await claim('g-sweep-friend', c.token);
    cloud.clock.advance(GIFT_RULES.claimWindowMs + 1);
    await timer('gifts', 'giftReturner');
    const again = await timer<{ returned: number }>('gifts', 'giftReturner');
    expect(again.returned).toBe(0);
    const states = Object.fromEntries(
      (await allDocs<Gift>(cloud, 'gifts')).filter((x) => x.sender === 'g-sweep').map((x) => [x._id, x.state]),
    );
    expect(states).toEqual({
      [w.gift._id]: 'returned',
      [s.gift._id]: 'returned',
      [g.gift._id]: 'returned',
      [c.gift._id]: 'claimed',
    });
    expect((await walletCard('g-sweep', whole)).card).toMatchObject({
      state: 'active',
      balance: 5_000,
      refundable: true,
    });
    const wallet = await walletAs('g-sweep')('list', {});
    expect(wallet.counts.gifting).toBe(0);
    expect(wallet.totalBalance).toBe(15_000);
    const ledger = await allDocs<LedgerEntry>(cloud, 'ledger');
    const returns = ledger.filter((e) => e.type === 'GIFT_RETURN' && [w, s].some((x) => x.gift._id === e.ref));
    expect(returns).toHaveLength(2);
    // The group gift's four shares went back once each, onto its returned card.
    const back = ledger.filter((e) => e.cardId === `${g.gift._id}-back`);
    expect(back.map((e) => e.type)).toEqual(Array(4).fill('GIFT_IN'));
    expect(back.reduce((sum, e) => sum + e.amount, 0)).toBe(5_000);
  });

  test('should finish a batch a crashed run left half-returned, without repeating anything', async () => {
    const cardId = await cardOf('g-crash');
    const sent = await send('g-crash', cardId);
    cloud.clock.advance(GIFT_RULES.claimWindowMs + 1);
    // What a run that died after taking the gift leaves behind.
    await cloud.db.handle({
      action: 'database.modifyDocument',
      collectionName: 'gifts',
      queryType: 'DOC',
      query: JSON.stringify({ _id: sent.gift._id }),
      data: JSON.stringify({ $set: { state: 'returning' } }),
    });
    expect(await code('g-crash-friend', 'gifts', { action: 'claim', token: sent.token, name: 'x' })).toBe(
      'GIFT_EXPIRED',
    );
    await timer('gifts', 'giftReturner');
    expect((await stored<Gift>('gifts', sent.gift._id)).state).toBe('returned');
    expect((await walletCard('g-crash', cardId)).card.state).toBe('active');
  });

  test('should end each gift claimed or returned, never both, when claims race the sweep at the deadline', async () => {
    const gifts = [];
    for (let i = 0; i < 12; i++) gifts.push(await send(`g-edge-${i}`, await cardOf(`g-edge-${i}`, fen(5_000))));
    // Stand just before the deadline: the claims start inside the window, the sweep runs at once.
    const left = gifts[0]!.gift.expiresAt - cloud.clock.now();
    cloud.clock.advance(Math.max(0, left - 40));
    const claims = gifts.map((g, i) =>
      as<Out<'claim'>>(`g-edge-friend-${i}`, 'gifts', { action: 'claim', token: g.token, name: 'f' }),
    );
    const sweeps = Array.from({ length: 4 }, async (_, k) => {
      await new Promise((r) => setTimeout(r, 10 * k));
      cloud.clock.advance(20);
      return timer<{ returned: number }>('gifts', 'giftReturner');
    });
    const [claimResults] = await Promise.all([Promise.all(claims), Promise.all(sweeps)]);
    cloud.clock.advance(1_000);
    await timer('gifts', 'giftReturner');
    const docs = await allDocs<Gift>(cloud, 'gifts');
    gifts.forEach((g, i) => {
      const doc = docs.find((d) => d._id === g.gift._id)!;
      const r = claimResults[i]!;
      if (r.ok) expect(doc.state).toBe('claimed');
      else {
        expect(r.error.code).toBe('GIFT_EXPIRED');
        expect(doc.state).toBe('returned');
      }
    });
  });
});

describe('tokens and input', () => {
  test('should refuse forged, foreign and malformed tokens alike', async () => {
    const sent = await send('g-tok', await cardOf('g-tok'));
    const [id, mac] = sent.token.split('.') as [string, string];
    const flipped = `${id}.${mac.slice(0, -1)}${mac.endsWith('A') ? 'B' : 'A'}`;
    const otherId = `${id.slice(0, -1)}${id.endsWith('0') ? '1' : '0'}.${mac}`;
    for (const token of [flipped, otherId, id, `${sent.token}x`, 'x'.repeat(80)]) {
      expect(await code('g-tok-x', 'gifts', { action: 'view', token })).toBe('NOT_FOUND');
      expect(await code('g-tok-x', 'gifts', { action: 'claim', token, name: 'x' })).toBe('NOT_FOUND');
    }
    expect(await code('g-tok-x', 'gifts', { action: 'claim', token: { $gt: '' }, name: 'x' })).toBe('INVALID_ARGUMENT');
    expect((await stored<Gift>('gifts', sent.gift._id)).state).toBe('open');
  });

  test('should refuse bad send input with INVALID_ARGUMENT and write nothing', async () => {
    const cardId = await cardOf('g-bad');
    const before = (await allDocs<Gift>(cloud, 'gifts')).length;
    const bad: Record<string, unknown>[] = [
      { amount: 1.5 },
      { amount: -1 },
      { amount: '100' },
      { mode: 'group' },
      { mode: 'group', shares: 1 },
      { mode: 'group', shares: 101 },
      { shares: 3 },
      { blessing: 'x'.repeat(61) },
      { senderName: '' },
      { senderName: '   ' },
      { cardId: { $gt: '' } },
      { requestId: 'short' },
      { extra: 1 },
      { blessing: 'a\u0000b' },
      { blessing: '生日\n快乐' },
      // Nothing visible: zero-width space, word joiner, BOM, a Hangul filler, bidi marks only.
      { senderName: '\u200b\u2060\ufeff' },
      { senderName: '\u3164' },
      { senderName: '\u202e\u200f' },
    ];
    for (const over of bad)
      expect([over, await code('g-bad', 'gifts', sendInput(cardId, over))]).toEqual([over, 'INVALID_ARGUMENT']);
    expect(await code('g-bad', 'gifts', sendInput(cardId, { amount: 10_001 }))).toBe('AMOUNT_NOT_ALLOWED');
    expect(await code('g-bad', 'gifts', sendInput(cardId, { mode: 'group', shares: 20, amount: 19 }))).toBe(
      'AMOUNT_NOT_ALLOWED',
    );
    expect(await code('g-bad-other', 'gifts', sendInput(cardId))).toBe('NOT_FOUND');
    expect(await code('', 'gifts', sendInput(cardId))).toBe('UNAUTHENTICATED');
    expect((await allDocs<Gift>(cloud, 'gifts')).length).toBe(before);
    expect((await walletCard('g-bad', cardId)).card).toMatchObject({ state: 'active', balance: 10_000 });
  });

  test('should show the friend only the characters the sender visibly typed', async () => {
    const cardId = await cardOf('g-spoof');
    // A right-to-left override would show "小满" typed as "满小"-looking text; zero-width padding hides nothing.
    const sent = await send('g-spoof', cardId, { senderName: '\u202e满小\u202c', blessing: '生\u200b日快乐\u2066' });
    const view = (await giftsAs('g-spoof-friend')('view', { token: sent.token })).gift;
    expect(view).toMatchObject({ senderName: '满小', blessing: '生日快乐' });
    await claim('g-spoof-friend', sent.token, '\u200d阿\u200d明\u200d');
    const gift = await stored<Gift>('gifts', sent.gift._id);
    expect(gift.shares.map((s) => s.claimerName)).toEqual(['阿明']);
  });

  test('should refuse a timer job run by anyone but the timer', async () => {
    expect(await code('g-x', 'gifts', { Type: 'Timer', TriggerName: 'giftReturner' })).toBe('FORBIDDEN');
  });
});
