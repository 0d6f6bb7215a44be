/**
 * The − n + control of a count with a rule's top (cards in the buy sheet, a group gift's shares there
 * and on the send step). The store clamps the value to its rule; the + greys out at the top so a
 * press that can't add says so before it is made.
 */
import { View, Text } from '@tarojs/components';
import './stepper.scss';

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
    <View className="stepper">
      <Text className="stepper__step" onClick={() => onChange(value - 1)}>
        −
      </Text>
      <Text className="stepper__qty" data-testid={testId}>
        {value}
      </Text>
      <Text
        className={`stepper__step${value >= max ? ' stepper__step--off' : ''}`}
        onClick={() => onChange(value + 1)}
        data-testid={moreTestId}
      >
        +
      </Text>
    </View>
  );
}
