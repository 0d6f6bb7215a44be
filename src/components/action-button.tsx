/**
 * The app's button (a styled Text, as in WeChat's own pages). A disabled one looks faded and ignores
 * taps, so a page never has to guard its handler against a second tap while the first is in flight.
 */
import { Text } from '@tarojs/components';
import type { ReactNode } from 'react';

export interface ActionButtonProps {
  children: ReactNode;
  onPress: () => unknown;
  disabled?: boolean;
  /** The outlined secondary style. */
  ghost?: boolean;
  className?: string;
  testId?: string;
}

export function ActionButton({
  children,
  onPress,
  disabled = false,
  ghost = false,
  className,
  testId,
}: ActionButtonProps) {
  const classes = ['btn', ghost && 'btn--ghost', className, disabled && 'btn--disabled'].filter(Boolean).join(' ');
  return (
    <Text
      className={classes}
      aria-disabled={disabled}
      onClick={() => {
        if (!disabled) void onPress();
      }}
      data-testid={testId}
    >
      {children}
    </Text>
  );
}
