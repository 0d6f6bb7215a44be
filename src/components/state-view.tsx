/** The designed loading, empty and error states every page shares. */
import { View, Text } from '@tarojs/components';
import { Button, Skeleton } from '@nutui/nutui-react-taro';
import { strings } from '../strings/zh-CN';
import './state-view.scss';

export interface StateViewProps {
  status: 'loading' | 'empty' | 'error';
  /** Shown for empty and error. */
  message?: string;
  hint?: string;
  onRetry?: () => void;
  /** The button's label when it does something other than reload (sign in, go back). */
  actionText?: string;
}

export function StateView({ status, message, hint, onRetry, actionText }: StateViewProps) {
  if (status === 'loading') {
    return (
      <View className="state-view state-view--loading" aria-busy="true" aria-label={strings.state.loading}>
        <Skeleton rows={3} animated />
        <View className="state-view__cards">
          <View className="state-view__card" />
          <View className="state-view__card" />
        </View>
        <Skeleton rows={2} animated />
      </View>
    );
  }
  return (
    <View className={`state-view state-view--${status}`} role={status === 'error' ? 'alert' : undefined}>
      {/* A drawn card outline rather than a remote illustration: the app loads no external images. */}
      <View className="state-view__art">
        <View className="state-view__art-card" />
        <Text className="state-view__art-mark">{status === 'error' ? '!' : '?'}</Text>
      </View>
      <Text className="state-view__message">{message ?? strings.state.emptyTitle}</Text>
      {hint && <Text className="state-view__hint">{hint}</Text>}
      {onRetry && (
        <Button className="state-view__retry" type="primary" size="small" onClick={onRetry} data-testid="state-action">
          {actionText ?? strings.state.retry}
        </Button>
      )}
    </View>
  );
}
