/**
 * Asking for subscribe messages: WeChat's dialog is opened synchronously within the tap (before any
 * await — WeChat refuses it otherwise), the app's sheet records its answer before the action goes
 * on, and a refusal never blocks the action (a gift is still sent).
 */
import { LOCAL_TEMPLATE_IDS } from '../../src/contracts/subscribe-templates';
import type { CardView } from '../../src/contracts/wallet';
import { GiftsService } from '../../src/services/gifts-service';
import type { SubscribeService } from '../../src/services/subscribe-types';
import { ConsentStore } from '../../src/stores/consent-store';
import { GiftStore } from '../../src/stores/gift-store';
import { fakeTransport } from './support/fake-transport';

function service(nativeDialog: boolean, answer: string[] = []) {
  const log: string[] = [];
  const s: SubscribeService = {
    nativeDialog,
    request: jest.fn(async (ids: readonly string[]) => {
      log.push(`request ${ids.join(',')}`);
      return answer;
    }),
    record: jest.fn(async (accepted: readonly string[], rejected: readonly string[]) => {
      log.push(`record +${accepted.join(',')} -${rejected.join(',')}`);
    }),
  };
  return { s, log };
}

test("should open WeChat's dialog synchronously, inside the call that asks, with the templates of the tap", () => {
  const { s } = service(true);
  const store = new ConsentStore(s, LOCAL_TEMPLATE_IDS);
  void store.ask('sendGift');
  // Nothing was awaited yet: the dialog was requested within the tap's own call stack.
  expect(s.request).toHaveBeenCalledWith([
    LOCAL_TEMPLATE_IDS.giftClaimed,
    LOCAL_TEMPLATE_IDS.giftReturned,
    LOCAL_TEMPLATE_IDS.giftThanked,
  ]);
  expect(store.asking).toBeUndefined();
});

test("should resolve after WeChat's dialog whatever the answer, recording nothing itself", async () => {
  const { s } = service(true, []);
  await new ConsentStore(s, LOCAL_TEMPLATE_IDS).ask('claimGift');
  expect(s.record).not.toHaveBeenCalled();
});

test("should show the app's sheet where there is no WeChat dialog, and record the answer before going on", async () => {
  const { s, log } = service(false);
  const store = new ConsentStore(s, LOCAL_TEMPLATE_IDS);
  let done = false;
  const asked = store.ask('claimGift').then(() => {
    done = true;
    log.push('go on');
  });
  expect(store.asking).toEqual({ moment: 'claimGift', templateIds: [LOCAL_TEMPLATE_IDS.giftReceived] });
  await Promise.resolve();
  expect(done).toBe(false);
  await store.answer(true);
  await asked;
  expect(log).toEqual([`record +${LOCAL_TEMPLATE_IDS.giftReceived} -`, 'go on']);
  expect(store.asking).toBeUndefined();
});

test('should not ask about kinds built without a template id', async () => {
  const { s } = service(false);
  const store = new ConsentStore(s, { ...LOCAL_TEMPLATE_IDS, cardExpiring: '' });
  await store.ask('buy');
  expect(store.asking).toBeUndefined();
  expect(s.request).not.toHaveBeenCalled();
});

test('should still send a gift when the sender refuses in the sheet, after the refusal is recorded', async () => {
  const { s, log } = service(false);
  const consent = new ConsentStore(s, LOCAL_TEMPLATE_IDS);
  const { transport, calls } = fakeTransport([
    { ok: true, data: { gift: { _id: 'g1' }, token: 'tok', giftsLeftToday: 4 } },
  ]);
  const gifts = new GiftStore(new GiftsService(transport, jest.fn()));
  gifts.start({ _id: 'c1', balance: 10_000, face: { id: 'f1' }, blessing: '' } as unknown as CardView, '小满', '');
  const sending = gifts.send(consent.ask('sendGift'));
  await Promise.resolve();
  expect(calls).toEqual([]);
  await consent.answer(false);
  const sent = await sending;
  expect(sent?.token).toBe('tok');
  expect(calls.map((c) => c.data.action)).toEqual(['send']);
  expect(log).toEqual([
    `record + -${LOCAL_TEMPLATE_IDS.giftClaimed},${LOCAL_TEMPLATE_IDS.giftReturned},${LOCAL_TEMPLATE_IDS.giftThanked}`,
  ]);
});

test('should go on when recording the answer fails (the gateway is down)', async () => {
  const { s } = service(false);
  (s.record as jest.Mock).mockRejectedValueOnce(new Error('offline'));
  const store = new ConsentStore(s, LOCAL_TEMPLATE_IDS);
  const asked = store.ask('buy');
  await store.answer(true);
  await expect(asked).resolves.toBeUndefined();
});
