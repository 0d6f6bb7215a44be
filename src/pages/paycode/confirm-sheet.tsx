/** The holder's answer to a large amount a store asks for: who asks, how much, the time left, confirm or decline. */
import { View, Text } from '@tarojs/components';
import { ActionButton } from '../../components/action-button';
import { formatPrice, type Fen } from '../../domain/money';
import { cardStrings } from '../../strings/zh-CN.card';
import './confirm-sheet.scss';

const s = cardStrings.payCode;

export interface ConfirmSheetProps {
  amount: Fen;
  storeName: string;
  secondsLeft: number;
  busy: boolean;
  error?: string;
  onConfirm: () => void;
  onDecline: () => void;
}

export function ConfirmSheet({ amount, storeName, secondsLeft, busy, error, onConfirm, onDecline }: ConfirmSheetProps) {
  return (
    <View className="sheet confirm-sheet" data-testid="pay-confirm">
      <View className="sheet__mask" />
      <View className="sheet__panel confirm-sheet__panel">
        <Text className="confirm-sheet__title">{s.confirmTitle}</Text>
        <Text className="confirm-sheet__store">{s.confirmStore(storeName)}</Text>
        <Text className="confirm-sheet__amount" data-testid="pay-confirm-amount">
          {formatPrice(amount)}
        </Text>
        <Text className="confirm-sheet__time">{s.confirmBy(secondsLeft)}</Text>
        {error && <Text className="error-text confirm-sheet__error">{error}</Text>}
        <View className="confirm-sheet__buttons">
          <ActionButton ghost disabled={busy} onPress={onDecline} testId="pay-decline">
            {s.decline}
          </ActionButton>
          <ActionButton disabled={busy} onPress={onConfirm} testId="pay-confirm-button">
            {busy ? s.confirming : s.confirm}
          </ActionButton>
        </View>
      </View>
    </View>
  );
}
