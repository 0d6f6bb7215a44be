/**
 * A gift's 小程序码 through the real SDK: the gifts function asks the local cloud's
 * wxacode.getUnlimited for the claim page with a short scene, the image reads (jsQR) as that page
 * and scene, the scene resolves to the claim token a friend claims with, and unknown scenes get one
 * generic answer, throttled per caller.
 */
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import type { GiftsActions } from '../../../src/contracts/gifts';
import { calls } from '../support/calls';
import type { TestCloud } from '../support/local-cloud';
import { cloudPerFile } from '../support/cloud-per-file';

jest.setTimeout(120_000);

type Out<A extends keyof GiftsActions> = GiftsActions[A]['output'];

let cloud: TestCloud;
const { ok, code, sendGift } = calls(() => cloud);

cloudPerFile((c) => (cloud = c));

function read(dataUrl: string): string | undefined {
  const m = /^data:image\/png;base64,(.+)$/.exec(dataUrl);
  if (!m) return undefined;
  const png = PNG.sync.read(Buffer.from(m[1]!, 'base64'));
  return jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data;
}

test('should make the sender a 小程序码 of the claim page whose scene a friend turns into the token and claims', async () => {
  const sent = await sendGift('q-alice');
  const made = await ok<Out<'wxacode'>>('q-alice', 'gifts', { action: 'wxacode', giftId: sent.gift._id });
  expect(made.scene).toMatch(/^[0-9A-Za-z]{20}$/);
  expect(read(made.image)).toBe(`wxacode:pages/claim/index?scene=${made.scene}`);
  // The same code every time it is asked for.
  expect((await ok<Out<'wxacode'>>('q-alice', 'gifts', { action: 'wxacode', giftId: sent.gift._id })).scene).toBe(
    made.scene,
  );

  const { token } = await ok<Out<'resolveScene'>>('q-bob', 'gifts', { action: 'resolveScene', scene: made.scene });
  expect(token).toBe(sent.token);
  const claimed = await ok<Out<'claim'>>('q-bob', 'gifts', { action: 'claim', token, name: '阿博' });
  expect(claimed.amount).toBe(10_000);
});

test("should not make a code of someone else's gift", async () => {
  const sent = await sendGift('q-owner');
  expect(await code('q-stranger', 'gifts', { action: 'wxacode', giftId: sent.gift._id })).toBe('NOT_FOUND');
});

test('should answer unknown scenes NOT_FOUND, then refuse the caller for a while, even a good scene', async () => {
  const sent = await sendGift('q-sender');
  const { scene } = await ok<Out<'wxacode'>>('q-sender', 'gifts', { action: 'wxacode', giftId: sent.gift._id });
  const guess = (s: string) => code('q-guesser', 'gifts', { action: 'resolveScene', scene: s });
  for (let i = 0; i < 10; i++) expect(await guess(`Guess${String(i).padStart(15, '0')}`)).toBe('NOT_FOUND');
  expect(await guess('GuessAAAAAAAAAAAAAAA')).toBe('RATE_LIMITED');
  expect(await guess(scene)).toBe('RATE_LIMITED');
  // Others are not held up by one guesser.
  expect((await ok<Out<'resolveScene'>>('q-other', 'gifts', { action: 'resolveScene', scene })).token).toBe(sent.token);
  expect(await code('q-other', 'gifts', { action: 'resolveScene', scene: 'short' })).toBe('INVALID_ARGUMENT');
});
