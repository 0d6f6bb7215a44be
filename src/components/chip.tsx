/**
 * One choice among a few (an amount, a mode, a range): the `chip` look every picker shares, active
 * when chosen. Pages say what is chosen and what a press does; the look lives here and in app.scss.
 */
import { Text } from '@tarojs/components';
import type { ReactNode } from 'react';

interface ChipProps {
  active: boolean;
  onPress: () => void;
  testId?: string;
  children: ReactNode;
}

export function Chip({ active, onPress, testId, children }: ChipProps) {
  return (
    <Text className={`chip${active ? ' chip--active' : ''}`} onClick={onPress} data-testid={testId}>
      {children}
    </Text>
  );
}
