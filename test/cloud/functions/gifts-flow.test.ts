/**
 * One flow from buying to sending (issue 21, item 1) through the real SDK against the local cloud:
 * an order bought 送朋友 keeps how it will be given (one friend or a group's shares), the card it
 * issues carries the face and blessing chosen at purchase, and the gift sent as planned is what the
 * friend sees — with the money invariants checked after each test.
 */
import type { GiftsActions } from '../../../src/contracts/gifts';
import type { OrdersActions } from '../../../src/contracts/orders';
import { allDocs } from '../support/money-invariants';
import { calls, COFFEE, createInput, face, requestId } from '../support/calls';
import type { TestCloud } from '../support/local-cloud';
import { cloudPerFile } from '../support/cloud-per-file';

jest.setTimeout(120_000);

let cloud: TestCloud;
const { ok, code, buy } = calls(() => cloud);

type Out<A extends keyof GiftsActions> = GiftsActions[A]['output'];

cloudPerFile((c) => (cloud = c));

test('should keep the group plan of an order bought to gift and send it as planned with its face and blessing', async () => {
  const plan = { mode: 'group', shares: 4, shareMode: 'equal' } as const;
  const paid = await buy('flow-alice', {
    purpose: 'gift',
    giftPlan: plan,
    faceId: face(COFFEE, 'thanks'),
    blessing: '大家辛苦了',
  });
  expect(paid.order).toMatchObject({ purpose: 'gift', giftPlan: plan, status: 'paid' });
  const card = paid.cards[0]!;
  expect(card).toMatchObject({ blessing: '大家辛苦了', face: { id: face(COFFEE, 'thanks') } });

  // The send step sends what the plan says, the card's face and blessing untouched.
  const sent = await ok<Out<'send'>>('flow-alice', 'gifts', {
    action: 'send',
    cardId: card._id,
    mode: plan.mode,
    shares: plan.shares,
    shareMode: plan.shareMode,
    blessing: card.blessing,
    senderName: '小满',
    requestId: requestId(),
  });
  expect(sent.gift).toMatchObject({ mode: 'group', sharesTotal: 4, amount: card.balance, blessing: '大家辛苦了' });
  const landing = await ok<Out<'view'>>('flow-bob', 'gifts', { action: 'view', token: sent.token });
  expect(landing.gift).toMatchObject({ blessing: '大家辛苦了', sharesLeft: 4, face: { id: face(COFFEE, 'thanks') } });
  const claimed = await ok<Out<'claim'>>('flow-bob', 'gifts', { action: 'claim', token: sent.token, name: '阿博' });
  expect(claimed.amount).toBe(card.balance / 4);
});

test('should refuse a plan on an order for oneself, or out of bounds, and write nothing', async () => {
  const before = (await allDocs(cloud, 'orders')).length;
  const refusals = [
    createInput({ purpose: 'self', giftPlan: { mode: 'single' } }),
    createInput({ purpose: 'gift', giftPlan: { mode: 'group', shares: 1, shareMode: 'equal' } }),
    createInput({ purpose: 'gift', giftPlan: { mode: 'group', shares: 101, shareMode: 'random' } }),
    createInput({ purpose: 'gift', giftPlan: { mode: 'group', shares: 3 } }),
    createInput({ purpose: 'gift', giftPlan: { mode: 'single', shares: 3 } }),
  ];
  for (const body of refusals) expect(await code('flow-carol', 'orders', body)).toBe('INVALID_ARGUMENT');
  expect((await allDocs(cloud, 'orders')).length).toBe(before);
});

test('should treat the same request id with another plan as a different order', async () => {
  const id = requestId();
  const first = await ok<OrdersActions['create']['output']>(
    'flow-dave',
    'orders',
    createInput({ requestId: id, purpose: 'gift', giftPlan: { mode: 'single' } }),
  );
  expect(first.order.giftPlan).toEqual({ mode: 'single' });
  const again = await ok<OrdersActions['create']['output']>(
    'flow-dave',
    'orders',
    createInput({ requestId: id, purpose: 'gift', giftPlan: { mode: 'single' } }),
  );
  expect(again.order._id).toBe(first.order._id);
  expect(
    await code(
      'flow-dave',
      'orders',
      createInput({ requestId: id, purpose: 'gift', giftPlan: { mode: 'group', shares: 3, shareMode: 'random' } }),
    ),
  ).toBe('IDEMPOTENCY_MISMATCH');
});
