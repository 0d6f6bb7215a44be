/**
 * The one receipt of a split payment at the till, drawn the same for the holder and the clerk: each
 * card's part and its balance after, the WeChat Pay part (and its refund, once asked), the total.
 * The words come from the page's own strings file (the card pages' or the till's).
 */
import { View, Text } from '@tarojs/components';
import type { SplitReceiptView } from '../contracts/split-pay';
import { formatPrice } from '../domain/money';
import type { RemainderState } from '../domain/split-pay';
import './split-receipt.scss';

export interface SplitReceiptLabels {
  card: (last4: string) => string;
  after: (balance: string) => string;
  wechatPay: string;
  total: string;
  refundState: Record<Exclude<RemainderState, 'unpaid' | 'paid'>, string>;
}

/** Worth a receipt of its own: more than one card paid, or WeChat Pay did (else it reads as a one-card payment). */
export function isSplitReceipt(receipt: SplitReceiptView | undefined): receipt is SplitReceiptView {
  return receipt !== undefined && (receipt.cards.length > 1 || receipt.wechatPay > 0);
}

export function SplitReceipt({ receipt, labels }: { receipt: SplitReceiptView; labels: SplitReceiptLabels }) {
  const refund =
    receipt.wechatPayState === 'refunding' ||
    receipt.wechatPayState === 'refunded' ||
    receipt.wechatPayState === 'refundFailed'
      ? labels.refundState[receipt.wechatPayState]
      : undefined;
  return (
    <View className="split-receipt" data-testid="split-receipt">
      {receipt.cards.map((c, i) => (
        <View className="split-receipt__row" key={`${c.last4}-${i}`} data-testid="split-receipt-card">
          <View className="split-receipt__what">
            <Text>{labels.card(c.last4)}</Text>
            <Text className="split-receipt__after">{labels.after(formatPrice(c.balanceAfter))}</Text>
          </View>
          <Text className="split-receipt__amount">{formatPrice(c.amount)}</Text>
        </View>
      ))}
      {receipt.wechatPay > 0 && (
        <View className="split-receipt__row" data-testid="split-receipt-wechat">
          <View className="split-receipt__what">
            <Text>{labels.wechatPay}</Text>
            {refund && <Text className="split-receipt__after">{refund}</Text>}
          </View>
          <Text className="split-receipt__amount">{formatPrice(receipt.wechatPay)}</Text>
        </View>
      )}
      <View className="split-receipt__row split-receipt__row--total">
        <Text>{labels.total}</Text>
        <Text className="split-receipt__amount" data-testid="split-receipt-total">
          {formatPrice(receipt.total)}
        </Text>
      </View>
    </View>
  );
}
