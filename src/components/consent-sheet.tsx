/**
 * The app's subscribe-message sheet: what the user would be told, and 允许 / 拒绝. Shown where WeChat's
 * own dialog is not available (H5, the mini-program without a cloud env). Tapping outside refuses.
 */
import { View, Text } from '@tarojs/components';
import './consent-sheet.scss';

export interface ConsentSheetProps {
  title: string;
  message: string;
  hint: string;
  allowText: string;
  rejectText: string;
  onAnswer: (accepted: boolean) => void;
}

export function ConsentSheet({ title, message, hint, allowText, rejectText, onAnswer }: ConsentSheetProps) {
  return (
    <View className="sheet consent-sheet" data-testid="consent-sheet">
      <View className="sheet__mask" onClick={() => onAnswer(false)} />
      <View className="sheet__panel consent-sheet__panel">
        <Text className="consent-sheet__title">{title}</Text>
        <Text className="consent-sheet__message">{message}</Text>
        <Text className="consent-sheet__hint">{hint}</Text>
        <View className="consent-sheet__actions">
          <Text className="btn btn--ghost" onClick={() => onAnswer(false)} data-testid="consent-reject">
            {rejectText}
          </Text>
          <Text className="btn" onClick={() => onAnswer(true)} data-testid="consent-allow">
            {allowText}
          </Text>
        </View>
      </View>
    </View>
  );
}
