/**
 * A store's bill larger than the chosen cards: what the cards already gave, what is left for WeChat
 * Pay, the time left before every card debit goes back; pay or decline. Where the local cloud stands
 * in for WeChat Cloud, paying opens its simulated pay sheet here, in the same panel.
 */
import { View, Text } from '@tarojs/components';
import { ActionButton } from '../../components/action-button';
import { SplitReceipt } from '../../components/split-receipt';
import type { SplitReceiptView } from '../../contracts/split-pay';
import { formatPrice, type Fen } from '../../domain/money';
import { strings } from '../../strings/zh-CN';
import { cardStrings } from '../../strings/zh-CN.card';
import './confirm-sheet.scss';

const s = cardStrings.split;

export interface RemainderSheetProps {
  receipt: SplitReceiptView;
  storeName: string;
  secondsLeft: number;
  busy: boolean;
  error?: string;
  /** The local pay sheet, once opened: the amount it asks. */
  localSheet?: { amount: Fen };
  onPay: () => void;
  onDecline: () => void;
  onConfirmLocal: () => void;
  onCloseLocal: () => void;
}

export function RemainderSheet(p: RemainderSheetProps) {
  if (p.localSheet)
    return (
      <View className="sheet confirm-sheet" data-testid="pay-local-sheet">
        <View className="sheet__mask" />
        <View className="sheet__panel confirm-sheet__panel">
          <Text className="confirm-sheet__title">{strings.pay.localBadge}</Text>
          <Text className="confirm-sheet__store">{p.storeName}</Text>
          <Text className="confirm-sheet__amount" data-testid="pay-local-amount">
            {formatPrice(p.localSheet.amount)}
          </Text>
          <Text className="confirm-sheet__time">{strings.pay.localNote}</Text>
          {p.error && <Text className="error-text confirm-sheet__error">{p.error}</Text>}
          <View className="confirm-sheet__buttons">
            <ActionButton ghost disabled={p.busy} onPress={p.onCloseLocal} testId="pay-local-cancel">
              {strings.pay.cancel}
            </ActionButton>
            <ActionButton disabled={p.busy} onPress={p.onConfirmLocal} testId="pay-local-confirm">
              {p.busy ? strings.pay.confirming : strings.pay.confirm}
            </ActionButton>
          </View>
        </View>
      </View>
    );
  return (
    <View className="sheet confirm-sheet" data-testid="pay-remainder">
      <View className="sheet__mask" />
      <View className="sheet__panel confirm-sheet__panel">
        <Text className="confirm-sheet__title">{s.remainderTitle}</Text>
        <Text className="confirm-sheet__store">{s.storeAsks(p.storeName, formatPrice(p.receipt.total))}</Text>
        <Text className="confirm-sheet__amount" data-testid="pay-remainder-amount">
          {formatPrice(p.receipt.wechatPay)}
        </Text>
        <Text className="confirm-sheet__time">{s.payBy(p.secondsLeft)}</Text>
        <SplitReceipt receipt={p.receipt} labels={s} />
        {p.error && <Text className="error-text confirm-sheet__error">{p.error}</Text>}
        <View className="confirm-sheet__buttons">
          <ActionButton ghost disabled={p.busy} onPress={p.onDecline} testId="pay-decline">
            {s.decline}
          </ActionButton>
          <ActionButton disabled={p.busy} onPress={p.onPay} testId="pay-remainder-button">
            {p.busy ? s.paying : s.pay(formatPrice(p.receipt.wechatPay))}
          </ActionButton>
        </View>
      </View>
    </View>
  );
}
