/**
 * How a redemption ends on the till: waiting for the holder (to confirm, or to pay a split payment's
 * remainder), taken (and reversible for a while; a split payment's receipt), or refused.
 */
import { View, Text } from '@tarojs/components';
import type { RedemptionView } from '../../../contracts/merchant';
import { chinaTime } from '../../../components/china-time';
import { maskCode } from '../../../domain/codes';
import { formatPrice } from '../../../domain/money';
import { strings } from '../../../strings/zh-CN';
import { merchantStrings } from '../../../strings/zh-CN.merchant';
import { isSplitReceipt, SplitReceipt } from '../../../components/split-receipt';
import { ActionButton } from '../../../components/action-button';

const m = strings.merchant;
const ms = merchantStrings.split;

export function WaitingView({ redemption: r, secondsLeft }: { redemption: RedemptionView; secondsLeft: number }) {
  const paying = r.split !== undefined && r.split.wechatPay > 0;
  return (
    <View className="panel outcome" data-testid="clerk-waiting">
      <View className="outcome__spinner" />
      <Text className="outcome__title">{paying ? ms.waitingPay : m.waiting}</Text>
      <Text className="outcome__amount" data-testid="clerk-waiting-amount">
        {formatPrice(paying ? r.split!.wechatPay : r.amount)}
      </Text>
      <Text className="outcome__hint">{paying ? ms.waitingPayHint(secondsLeft) : m.waitingHint(secondsLeft)}</Text>
      {isSplitReceipt(r.split) && <SplitReceipt receipt={r.split} labels={ms} />}
    </View>
  );
}

export interface DoneViewProps {
  redemption: RedemptionView;
  reversible: boolean;
  busy: boolean;
  error?: string;
  onReverse: () => void;
  onNext: () => void;
}

export function DoneView({ redemption: r, reversible, busy, error, onReverse, onNext }: DoneViewProps) {
  const reversed = r.status === 'reversed';
  return (
    <View>
      <View className="panel outcome" data-testid="clerk-done" data-status={r.status}>
        <View className={`result-mark${reversed ? ' result-mark--muted' : ''}`} />
        <Text className="outcome__title">{reversed ? m.status.reversed : m.success}</Text>
        <Text
          className={`outcome__amount${reversed ? ' outcome__amount--struck' : ''}`}
          data-testid="clerk-done-amount"
        >
          {formatPrice(r.amount)}
        </Text>
        {isSplitReceipt(r.split) ? (
          <SplitReceipt receipt={r.split} labels={ms} />
        ) : (
          r.balanceAfter !== null && (
            <Text className="outcome__hint" data-testid="clerk-balance-after">
              {m.balanceAfter(formatPrice(r.balanceAfter))}
            </Text>
          )
        )}
      </View>
      <View className="panel">
        <View className="kv">
          <Text className="kv__label">{r.brandName}</Text>
          <Text>{maskCode(r.last4)}</Text>
        </View>
        <View className="kv">
          <Text className="kv__label">{r.storeName}</Text>
          <Text>{chinaTime(r.at ?? r.usedAt, 'MM-DD HH:mm:ss')}</Text>
        </View>
        {reversed && r.reversedAt !== null && (
          <Text className="muted">{m.reversedAt(chinaTime(r.reversedAt, 'HH:mm'))}</Text>
        )}
        {reversible && r.reversibleUntil !== null && (
          <Text className="muted">{m.reversibleUntil(chinaTime(r.reversibleUntil, 'HH:mm'))}</Text>
        )}
      </View>
      {error && <Text className="error-text outcome__error">{error}</Text>}
      <View className="action-bar">
        {reversible && (
          <ActionButton ghost disabled={busy} onPress={onReverse} testId="clerk-reverse">
            {m.reverse}
          </ActionButton>
        )}
        <Text className="btn" onClick={onNext} data-testid="clerk-next">
          {m.next}
        </Text>
      </View>
    </View>
  );
}

export function RefusedView({
  title,
  message,
  again,
  onRescan,
}: {
  title: string;
  message: string;
  /** 重新扫码, or 重新输入 after a typed code. */
  again: string;
  onRescan: () => void;
}) {
  return (
    <View>
      <View className="panel outcome" data-testid="clerk-refused">
        <View className="result-mark result-mark--refused" />
        <Text className="outcome__title" data-testid="clerk-refused-title">
          {title}
        </Text>
        <Text className="outcome__message">{message}</Text>
      </View>
      <View className="action-bar">
        <Text className="btn" onClick={onRescan} data-testid="clerk-rescan">
          {again}
        </Text>
      </View>
    </View>
  );
}
