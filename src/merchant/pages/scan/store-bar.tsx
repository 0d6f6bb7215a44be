/** The till's header: the store taking the money and who is at it, today's list, and the store picker. */
import { View, Text } from '@tarojs/components';
import type { ClerkProfileView } from '../../../contracts/merchant';
import { strings } from '../../../strings/zh-CN';

const m = strings.merchant;

export interface StoreBarProps {
  profile: ClerkProfileView;
  storeId: string;
  /** The picker is offered only between customers. */
  choosable: boolean;
  onChoose: (storeId: string) => void;
  onHistory: () => void;
}

export function StoreBar({ profile, storeId, choosable, onChoose, onHistory }: StoreBarProps) {
  const store = profile.stores.find((s) => s.id === storeId);
  return (
    <View className="store-bar">
      <View className="store-bar__top">
        <View className="store-bar__who">
          <Text className="store-bar__store" data-testid="clerk-store">
            {store ? `${store.brandName} ${store.name}` : ''}
          </Text>
          <Text className="store-bar__clerk">
            {profile.name} · {m.roles[profile.role]}
          </Text>
        </View>
        <Text className="store-bar__history" onClick={onHistory} data-testid="clerk-history-entry">
          {m.history} ›
        </Text>
      </View>
      {choosable && profile.stores.length > 1 && (
        <View className="store-bar__picker">
          <Text className="store-bar__label">{m.chooseStore}</Text>
          <View>
            {profile.stores.map((s) => (
              <Text
                key={s.id}
                className={`store-bar__chip${s.id === storeId ? ' store-bar__chip--active' : ''}`}
                onClick={() => onChoose(s.id)}
              >
                {s.brandName} {s.name}
              </Text>
            ))}
          </View>
        </View>
      )}
    </View>
  );
}
