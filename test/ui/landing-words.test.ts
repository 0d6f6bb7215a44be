/** What the claim page says to the sender, the friend who claimed, and someone too late (issue 19, item 3). */
import type { GiftLandingView } from '../../src/contracts/gifts';
import { landingWords } from '../../src/pages/claim/landing-words';
import { fen } from '../../src/domain/money';

const gift = (over: Partial<GiftLandingView> = {}, mine: Partial<GiftLandingView['mine']> = {}): GiftLandingView => ({
  senderName: '林小满',
  brandName: '蓝山咖啡',
  productName: '心意卡',
  face: { id: 'f', name: 'f', image: '' },
  blessing: '生日快乐',
  mode: 'single',
  amount: fen(10_000),
  sharesTotal: 1,
  sharesLeft: 1,
  state: 'open',
  expiresAt: 2_000,
  now: 1_000,
  mine: { isSender: false, claimedAmount: null, cardId: null, thanks: null, ...mine },
  ...over,
});
const HOUR = 3_600_000;

test('should tell the sender reopening her claimed gift that it was claimed, not to send the link on', () => {
  const w = landingWords(gift({ state: 'claimed' }, { isSender: true }), null, HOUR);
  expect(w).toEqual({
    title: '你送出的礼品',
    from: null,
    refusal: { code: 'GIFT_CLAIMED', message: '好友已领取这份礼品' },
  });
});

test('should ask the sender to pass an open gift on, and tell her what became of one that ended', () => {
  expect(landingWords(gift({}, { isSender: true }), null, HOUR).refusal).toEqual({
    code: 'OWN_GIFT',
    message: '这是你自己送出的礼品，不能领取哦',
    hint: '把链接发给好友，让 TA 来领取吧',
  });
  expect(landingWords(gift({ state: 'returned' }, { isSender: true }), null, HOUR).refusal?.message).toBe(
    '好友未按时领取，礼品已退回你的卡包',
  );
  expect(landingWords(gift({ state: 'cancelled' }, { isSender: true }), null, HOUR).refusal?.message).toBe(
    '你已撤回这份礼品',
  );
  expect(landingWords(gift({ mode: 'group', state: 'claimed' }, { isSender: true }), null, HOUR).refusal?.code).toBe(
    'GIFT_ALL_CLAIMED',
  );
});

test('should say 领取成功 only right after the claim, and 你已领取 when the link is opened again', () => {
  const claimed = gift({ state: 'claimed' }, { cardId: 'c1', claimedAmount: fen(10_000) });
  expect(landingWords(claimed, { justNow: true }, HOUR).title).toBe('领取成功');
  expect(landingWords(claimed, { justNow: false }, HOUR)).toEqual({
    title: '你已领取',
    from: '林小满 送你一张礼品卡',
    refusal: null,
  });
});

test('should not welcome someone too late with 收到一份礼品: the title is why, and no second copy of it', () => {
  const late = landingWords(gift({ state: 'claimed' }), null, HOUR);
  expect(late).toEqual({
    title: '来晚了，礼品已被领取',
    from: '林小满 送出的礼品卡',
    refusal: { code: 'GIFT_CLAIMED' },
  });
  expect(landingWords(gift(), null, -1).title).toBe('礼品已过领取时限，已退回给赠送人');
  expect(landingWords(gift(), null, HOUR)).toEqual({
    title: '收到一份礼品',
    from: '林小满 送你一张礼品卡',
    refusal: null,
  });
});
