/**
 * The card page's devices holding offline pay code keys (each phone that showed the pay code), so a
 * lost phone's offline codes can be stopped from another device. Shown only when there are some.
 */
import { useEffect } from 'react';
import { View, Text } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { observer } from 'mobx-react-lite';
import { chinaTime } from '../../components/china-time';
import { useOfflineDevices } from '../../stores/page-stores';
import { errorMessage } from '../../strings/zh-CN';
import { cardStrings } from '../../strings/zh-CN.card';

const s = cardStrings.offline;

export const OfflineDevices = observer(function OfflineDevices({ cardId }: { cardId: string }) {
  const store = useOfflineDevices();
  useEffect(() => void store.load(cardId), [store, cardId]);
  const devices = store.cardId === cardId ? store.view.data : undefined;
  if (!devices || devices.length === 0) return null;
  const revoke = async (deviceId: string): Promise<void> => {
    const answer = await Taro.showModal({
      title: s.revokeTitle,
      content: s.revokeBody,
      confirmText: s.revokeConfirm,
      confirmColor: '#cc3a2d',
    });
    if (answer.confirm) await store.revoke(deviceId);
  };
  return (
    <View className="panel" data-testid="offline-devices">
      <Text className="panel__title">{s.devicesTitle}</Text>
      <Text className="muted card__devices-hint">{s.devicesHint}</Text>
      {devices.map((d) => (
        <View key={d.deviceId} className="card__device" data-testid="offline-device">
          <View className="card__device-main">
            <Text>
              {d.deviceName || s.unnamedDevice}
              {d.deviceId === store.thisDevice ? `（${s.thisDevice}）` : ''}
            </Text>
            <Text className="muted">{s.updated(chinaTime(d.issuedAt))}</Text>
          </View>
          {d.revoked ? (
            <Text className="muted">{s.revoked}</Text>
          ) : (
            <Text
              className="card__device-revoke"
              onClick={() => !store.action.busy && void revoke(d.deviceId)}
              data-testid="offline-revoke"
            >
              {s.revoke}
            </Text>
          )}
        </View>
      ))}
      {store.action.errorCode && <Text className="error-text">{errorMessage(store.action.errorCode)}</Text>}
    </View>
  );
});
