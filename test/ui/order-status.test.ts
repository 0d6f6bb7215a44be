/** A refunded order no longer says 已支付 (issue 19, item 3): the list and the detail say what went back. */
import { fen } from '../../src/domain/money';
import { orderRefundLine, orderStatusLabel } from '../../src/pages/orders/status-label';

test('should say 已支付 only while none of the order’s cards was refunded', () => {
  expect(orderStatusLabel({ status: 'paid', quantity: 2 })).toBe('已支付');
  expect(orderStatusLabel({ status: 'pending', quantity: 2 })).toBe('待支付');
  expect(orderRefundLine({})).toBeNull();
});

test('should say 退款中, then 部分退款 or 已退款, with the cards and money in the detail', () => {
  expect(
    orderStatusLabel({ status: 'paid', quantity: 2, refund: { cards: 1, amount: fen(5_000), processing: true } }),
  ).toBe('退款中');
  const part = { status: 'paid' as const, quantity: 2, refund: { cards: 1, amount: fen(5_000), processing: false } };
  expect(orderStatusLabel(part)).toBe('部分退款');
  expect(orderRefundLine(part)).toBe('1 张卡已退款 · ¥50 退回原支付账户');
  expect(orderStatusLabel({ ...part, refund: { cards: 2, amount: fen(10_000), processing: false } })).toBe('已退款');
});
