/** The local cloud's simulated WeChat Pay sheet: clearly not real money; confirm or cancel. */
import { useEffect } from 'react';
import { View, Text } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { observer } from 'mobx-react-lite';
import { ActionButton } from '../../components/action-button';
import { StateView } from '../../components/state-view';
import { formatPrice } from '../../domain/money';
import { useStores } from '../../stores';
import { errorMessage, strings } from '../../strings/zh-CN';
import { navigate } from '../routes';
import './index.scss';

function PayPage() {
  const { orders } = useStores();
  const { token = '', orderId = '' } = useRouter().params;
  useEffect(() => {
    void orders.loadSheet(token);
  }, [orders, token]);
  const sheet = orders.sheet;
  if (sheet.status === 'error')
    return (
      <StateView status="error" message={errorMessage(sheet.errorCode)} onRetry={() => void orders.loadSheet(token)} />
    );
  if (sheet.status !== 'ready' || !sheet.data) return <StateView status="loading" />;
  const p = sheet.data;
  const confirm = async (): Promise<void> => {
    if (await orders.confirmSheet(token, orderId)) navigate.result(orderId);
  };
  return (
    <View className="page pay">
      <Text className="pay__badge">{strings.pay.localBadge}</Text>
      <View className="panel pay__panel">
        <Text className="pay__desc">{p.description}</Text>
        <Text className="pay__amount" data-testid="pay-amount">
          {formatPrice(p.amount)}
        </Text>
        <Text className="muted">{strings.pay.localNote}</Text>
      </View>
      {p.status === 'CLOSED' && <Text className="error-text">{strings.pay.closed}</Text>}
      {orders.action.errorCode && <Text className="error-text">{errorMessage(orders.action.errorCode)}</Text>}
      <View className="action-bar">
        <Text className="btn btn--ghost" onClick={() => navigate.order(orderId)}>
          {strings.pay.cancel}
        </Text>
        {p.status === 'NOTPAY' ? (
          <ActionButton disabled={orders.action.busy} onPress={confirm} testId="confirm-pay">
            {orders.action.busy ? strings.pay.confirming : strings.pay.confirm}
          </ActionButton>
        ) : (
          <Text className="btn" onClick={() => navigate.result(orderId)}>
            {strings.result.toOrder}
          </Text>
        )}
      </View>
    </View>
  );
}

export default observer(PayPage);
