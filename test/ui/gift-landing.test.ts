/** The claim page's landing from each door: a token as is, or a 小程序码's scene resolved to its token first. */
import { GiftsService } from '../../src/services/gifts-service';
import { GiftStore } from '../../src/stores/gift-store';
import { fakeTransport } from './support/fake-transport';

const landing = { ok: true as const, data: { gift: { state: 'open' } } };

test('should resolve a scene to its token, show that gift, and claim with the token', async () => {
  const { transport, calls } = fakeTransport([
    { ok: true, data: { token: 'tok.en' } },
    landing,
    { ok: true, data: { cardId: 'c1', amount: 100 } },
    landing,
  ]);
  const gifts = new GiftStore(new GiftsService(transport, jest.fn()));
  await gifts.openLanding({ scene: 'g7Hk2mQp9xZa4Lr8AbCd' });
  expect(gifts.landing.status).toBe('ready');
  expect(gifts.landingToken).toBe('tok.en');
  await gifts.claim(gifts.landingToken, '阿博');
  expect(calls.map((c) => c.data)).toEqual([
    { action: 'resolveScene', scene: 'g7Hk2mQp9xZa4Lr8AbCd' },
    { action: 'view', token: 'tok.en' },
    { action: 'claim', token: 'tok.en', name: '阿博' },
    { action: 'view', token: 'tok.en' },
  ]);
});

test('should show an unknown scene as the same not-found as a bad token, with no token to claim with', async () => {
  const { transport } = fakeTransport([{ ok: false, error: { code: 'NOT_FOUND', message: 'gift not found' } }]);
  const gifts = new GiftStore(new GiftsService(transport, jest.fn()));
  await gifts.openLanding({ scene: 'nope' });
  expect(gifts.landing).toMatchObject({ status: 'error', errorCode: 'NOT_FOUND' });
  expect(gifts.landingToken).toBe('');
});

test('should open a token without resolving anything', async () => {
  const { transport, calls } = fakeTransport([landing]);
  const gifts = new GiftStore(new GiftsService(transport, jest.fn()));
  await gifts.openLanding({ token: 'abc.def' });
  expect(calls.map((c) => c.data.action)).toEqual(['view']);
  expect(gifts.landingToken).toBe('abc.def');
});

test('should not resolve a scene again when the landing is opened again (after signing in)', async () => {
  const { transport, calls } = fakeTransport([{ ok: true, data: { token: 'tok.en' } }, landing, landing]);
  const gifts = new GiftStore(new GiftsService(transport, jest.fn()));
  await gifts.openLanding({ scene: 'g7Hk2mQp9xZa4Lr8AbCd' });
  await gifts.openLanding({ scene: 'g7Hk2mQp9xZa4Lr8AbCd' });
  expect(calls.map((c) => c.data.action)).toEqual(['resolveScene', 'view', 'view']);
  expect(gifts.landingToken).toBe('tok.en');
});

test('should show a thank-you as sent from the cloud’s answer, without reading the landing again', async () => {
  const thanks = { name: '阿博', text: '破费啦', sticker: 'cheers', at: 1 };
  const mine = { isSender: false, claimedAmount: 100, cardId: 'c1', thanks: null };
  const { transport, calls } = fakeTransport([
    { ok: true, data: { gift: { state: 'claimed', mine } } },
    { ok: true, data: { thanks } },
  ]);
  const gifts = new GiftStore(new GiftsService(transport, jest.fn()));
  await gifts.openLanding({ token: 'tok.en' });
  gifts.setThanksText('破费啦');
  gifts.setThanksSticker('cheers');
  expect(await gifts.sendThanks()).toBe(true);
  expect(calls.map((c) => c.data)).toEqual([
    { action: 'view', token: 'tok.en' },
    { action: 'thank', token: 'tok.en', text: '破费啦', sticker: 'cheers' },
  ]);
  expect(gifts.landing.data?.gift.mine.thanks).toEqual(thanks);
});
