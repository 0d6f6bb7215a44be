/**
 * The designed loading, empty and error states every page shares. Drawn with our own views and
 * button rather than NutUI's Skeleton and Button: the home page shows this first, and NutUI's
 * components (with their icon set and Taro's native button element) were a tenth of its chunk.
 */
import { View, Text } from '@tarojs/components';
import { ActionButton } from './action-button';
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
        <SkeletonRows rows={3} />
        <View className="state-view__cards">
          <View className="state-view__card" />
          <View className="state-view__card" />
        </View>
        <SkeletonRows rows={2} />
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
        <ActionButton className="state-view__retry" onPress={onRetry} testId="state-action">
          {actionText ?? strings.state.retry}
        </ActionButton>
      )}
    </View>
  );
}

/** Grey placeholder lines, shimmering while the page loads. */
function SkeletonRows({ rows }: { rows: number }) {
  return (
    <View className="state-view__rows">
      {Array.from({ length: rows }, (_, i) => (
        <View key={i} className="state-view__row" />
      ))}
    </View>
  );
}
