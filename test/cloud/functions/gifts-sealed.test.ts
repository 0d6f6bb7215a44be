/**
 * Gifts that open on a chosen day (issue 21, item 5) through the real SDK against the local cloud,
 * with the test clock: an opening up to 60 China days ahead, claims refused while sealed and taken
 * from the opening, the claim window measured from the opening, cancelling before it returns the
 * card, and the sender and a reminded friend told once at the opening by the gifts trigger — with
 * the money invariants checked after each test.
 */
import { fen } from '../../../src/domain/money';
import type { GiftsActions } from '../../../src/contracts/gifts';
import type { WalletActions } from '../../../src/contracts/wallet';
import type { Gift } from '../../../src/domain/gift';
import { GIFT_RULES } from '../../../src/domain/gift';
import { chinaDay } from '../../../src/domain/rules';
import { chinaInstant, latestOpeningBefore, SEAL_RULES } from '../../../src/domain/sealed-gift';
import { allDocs } from '../support/money-invariants';
import { calls, sendInput } from '../support/calls';
import type { TestCloud } from '../support/local-cloud';
import { cloudPerFile } from '../support/cloud-per-file';

jest.setTimeout(120_000);

let cloud: TestCloud;
const { ok, code, buy, sendGift, timer, subscribe } = calls(() => cloud);

type Out<A extends keyof GiftsActions> = GiftsActions[A]['output'];
type TickReport = { returned: number; opened: number };

const DAY = 86_400_000;

cloudPerFile((c) => (cloud = c));

/** 09:00 China time, `days` China days after the cloud clock's. */
function nineAm(days: number): number {
  const day = chinaDay(cloud.clock.now() + days * DAY);
  return chinaInstant(day, '09:00')!;
}

const sealed = (sender: string, opensAt: number, over: Record<string, unknown> = {}) =>
  sendGift(sender, { opensAt, ...over });

const tick = () => timer<TickReport>('gifts', 'giftReturner');

test('should refuse claims while sealed, open at its time telling sender and reminded friend once, and take the claim then', async () => {
  await subscribe('s-alice', ['giftOpened']);
  await subscribe('s-bob', ['giftOpened']);
  const opensAt = nineAm(2);
  const { token, gift } = await sealed('s-alice', opensAt);
  expect(gift).toMatchObject({ opensAt, expiresAt: opensAt + GIFT_RULES.claimWindowMs, state: 'open' });

  const landing = await ok<Out<'view'>>('s-bob', 'gifts', { action: 'view', token });
  expect(landing.gift).toMatchObject({ opensAt, expiresAt: opensAt + GIFT_RULES.claimWindowMs });
  expect(await code('s-bob', 'gifts', { action: 'claim', token, name: '阿博' })).toBe('GIFT_SEALED');
  expect(await ok<Out<'remind'>>('s-bob', 'gifts', { action: 'remind', token })).toEqual({ opensAt });
  // Asking twice is one reminder; the sender is told anyway.
  await ok('s-bob', 'gifts', { action: 'remind', token });
  expect(await code('s-alice', 'gifts', { action: 'remind', token })).toBe('OWN_GIFT');

  // A second before: still sealed, nobody told.
  cloud.clock.advance(opensAt - 1_000 - cloud.clock.now());
  expect((await tick()).opened).toBe(0);
  expect(await code('s-bob', 'gifts', { action: 'claim', token, name: '阿博' })).toBe('GIFT_SEALED');

  cloud.clock.advance(1_000);
  expect((await tick()).opened).toBe(1);
  expect((await tick()).opened).toBe(0);
  const opened = cloud.outbox.list().filter((m) => m.kind === 'giftOpened');
  expect(opened.map((m) => m.to).sort()).toEqual(['s-alice', 's-bob']);
  expect(opened.find((m) => m.to === 's-bob')!.page).toBe(`pages/claim/index?t=${encodeURIComponent(token)}`);

  const claimed = await ok<Out<'claim'>>('s-bob', 'gifts', { action: 'claim', token, name: '阿博' });
  expect(claimed.amount).toBe(10_000);
});

test('should start the claim window at the opening, not at sending', async () => {
  const opensAt = nineAm(3);
  const { token, cardId } = await sealed('s-window', opensAt);
  // The window's length after sending has long passed; measured from the opening, most of it is left.
  cloud.clock.advance(opensAt + GIFT_RULES.claimWindowMs - 60_000 - cloud.clock.now());
  expect((await tick()).returned).toBe(0);
  cloud.clock.advance(2 * 60_000);
  expect((await tick()).returned).toBe(1);
  expect(await code('s-window-friend', 'gifts', { action: 'claim', token, name: '好友' })).toBe('GIFT_EXPIRED');
  const back = await ok<WalletActions['detail']['output']>('s-window', 'wallet', { action: 'detail', cardId });
  expect(back.card).toMatchObject({ state: 'active', balance: 10_000 });
});

test('should let the sender cancel before the opening: the card comes back and the opening tells nobody', async () => {
  await subscribe('s-cancel', ['giftOpened']);
  const opensAt = nineAm(1);
  const { token, gift, cardId } = await sealed('s-cancel', opensAt);
  const locked = await ok<WalletActions['detail']['output']>('s-cancel', 'wallet', { action: 'detail', cardId });
  expect(locked.card.state).toBe('gifting');
  const cancelled = await ok<Out<'cancel'>>('s-cancel', 'gifts', { action: 'cancel', giftId: gift._id });
  expect(cancelled.gift.state).toBe('cancelled');
  const back = await ok<WalletActions['detail']['output']>('s-cancel', 'wallet', { action: 'detail', cardId });
  expect(back.card).toMatchObject({ state: 'active', balance: 10_000 });
  cloud.clock.advance(opensAt - cloud.clock.now());
  await tick();
  expect(cloud.outbox.list('s-cancel').filter((m) => m.kind === 'giftOpened')).toEqual([]);
  expect((await allDocs<Gift>(cloud, 'gifts', { _id: gift._id }))[0]!.opening).toBe('announced');
  expect(await code('s-cancel-friend', 'gifts', { action: 'claim', token, name: '好友' })).toBe('GIFT_CANCELLED');
});

test('should keep a sealed group gift closed until its opening, then share it out', async () => {
  const opensAt = nineAm(1);
  const { token } = await sealed('s-group', opensAt, { mode: 'group', shares: 2, shareMode: 'equal' });
  expect(await code('s-g1', 'gifts', { action: 'claim', token, name: '一' })).toBe('GIFT_SEALED');
  cloud.clock.advance(opensAt - cloud.clock.now());
  expect((await ok<Out<'claim'>>('s-g1', 'gifts', { action: 'claim', token, name: '一' })).amount).toBe(5_000);
  expect((await ok<Out<'claim'>>('s-g2', 'gifts', { action: 'claim', token, name: '二' })).amount).toBe(5_000);
});

test('should take an opening up to the end of the 60th China day ahead and refuse one past it or in the past, writing nothing', async () => {
  const { cards } = await buy('s-bounds', { amount: fen(10_000) });
  const body = (opensAt: number) => sendInput(cards[0]!._id, { blessing: '', opensAt });
  const now = cloud.clock.now();
  const end = latestOpeningBefore(now, SEAL_RULES);
  expect(chinaDay(end - 1)).toBe(chinaDay(now + SEAL_RULES.maxDaysAhead * DAY));
  const before = (await allDocs(cloud, 'gifts')).length;
  for (const at of [now - 60_000, end, end + DAY])
    expect(await code('s-bounds', 'gifts', body(at))).toBe('INVALID_ARGUMENT');
  expect((await allDocs(cloud, 'gifts')).length).toBe(before);
  const last = await ok<Out<'send'>>('s-bounds', 'gifts', body(end - 60_000));
  expect(last.gift.opensAt).toBe(end - 60_000);
});
