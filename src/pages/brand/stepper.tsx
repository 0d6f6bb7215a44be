/**
 * The buy sheet's − n + control (how many cards, how many shares). The store clamps the value to its
 * rule; the + greys out at the top so a press that can't add says so before it is made.
 */
import { View, Text } from '@tarojs/components';

interface StepperProps {
  value: number;
  max: number;
  onChange: (value: number) => void;
  /** Test ids of the value and of the + (when a test presses it). */
  testId: string;
  moreTestId?: string;
}

export function Stepper({ value, max, onChange, testId, moreTestId }: StepperProps) {
  return (
    <View className="buy-sheet__stepper">
      <Text className="buy-sheet__step" onClick={() => onChange(value - 1)}>
        −
      </Text>
      <Text className="buy-sheet__qty" data-testid={testId}>
        {value}
      </Text>
      <Text
        className={`buy-sheet__step${value >= max ? ' buy-sheet__step--off' : ''}`}
        onClick={() => onChange(value + 1)}
        data-testid={moreTestId}
      >
        +
      </Text>
    </View>
  );
}
