/** One order: what was bought, its state, paying an unpaid one or cancelling it, and its cards. */
import { useEffect } from 'react';
import { View, Text } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { observer } from 'mobx-react-lite';
import { CardFace } from '../../components/card-face';
import { chinaTime } from '../../components/china-time';
import { StateView } from '../../components/state-view';
import { formatPrice } from '../../domain/money';
import { useStores } from '../../stores';
import { errorMessage, strings } from '../../strings/zh-CN';
import { startPayment } from '../pay-flow';
import { navigate } from '../routes';
import { orderRefundLine, orderStatusLabel } from '../orders/status-label';
import './index.scss';

const s = strings.orders;

function OrderPage() {
  const { orders } = useStores();
  const { id = '' } = useRouter().params;
  useEffect(() => {
    void orders.loadOrder(id);
  }, [orders, id]);
  const view = orders.detail;
  const data = view.data?.order._id === id ? view.data : undefined;
  if (view.status === 'error' && !data)
    return (
      <StateView status="error" message={errorMessage(view.errorCode)} onRetry={() => void orders.loadOrder(id)} />
    );
  if (!data) return <StateView status="loading" />;
  const { order, cards } = data;
  const pay = async (): Promise<void> => {
    const payment = await orders.paymentFor(order._id);
    if (payment) await startPayment(orders, order, payment);
  };
  return (
    <View className="page order">
      <View className="panel">
        <Text className="order__status" data-testid="order-status">
          {orderStatusLabel(order)}
          {order.closeReason ? ` · ${s.closeReason[order.closeReason]}` : ''}
        </Text>
        {orderRefundLine(order) && (
          <Text className="muted" data-testid="order-refund">
            {orderRefundLine(order)}
          </Text>
        )}
        {order.status === 'pending' && (
          <Text className="muted" data-testid="order-pending-note">
            {order.cancelRequestedAt !== undefined ? s.cancelling : s.payBy(chinaTime(order.payBy))}
          </Text>
        )}
      </View>
      <View className="panel">
        <CardFace
          image={order.face.image}
          brandName={`${order.brandName} · ${order.productName}`}
          caption={order.face.name}
        />
        <Text className="order__blessing">“{order.blessing}”</Text>
        <View className="kv">
          <Text className="kv__label">{strings.buy.amount}</Text>
          <Text>
            {formatPrice(order.amount)} {s.quantity(order.quantity)}
          </Text>
        </View>
        <View className="kv">
          <Text className="kv__label">{s.total}</Text>
          <Text className="order__total">{formatPrice(order.total)}</Text>
        </View>
        <View className="kv">
          <Text className="kv__label">{s.createdAt}</Text>
          <Text>{chinaTime(order.createdAt)}</Text>
        </View>
        <View className="kv">
          <Text className="kv__label">{s.orderNo}</Text>
          <Text className="muted">{order._id}</Text>
        </View>
      </View>
      {cards.length > 0 && (
        <View className="panel">
          <Text className="panel__title">{s.cards}</Text>
          {cards.map((c) => (
            <View key={c._id} className="order__card">
              <CardFace
                image={c.face.image}
                brandName={c.brandName}
                balance={c.balance}
                dimmed={c.group !== 'usable'}
                onClick={() => navigate.card(c._id)}
              />
            </View>
          ))}
        </View>
      )}
      {orders.action.errorCode && <Text className="error-text">{errorMessage(orders.action.errorCode)}</Text>}
      {order.status === 'pending' && order.cancelRequestedAt === undefined && (
        <View className="action-bar">
          <Text className="btn btn--ghost" data-testid="cancel-order" onClick={() => void orders.cancel(order._id)}>
            {s.cancel}
          </Text>
          <Text className="btn" data-testid="pay-order" onClick={() => void pay()}>
            {s.pay}
          </Text>
        </View>
      )}
    </View>
  );
}

export default observer(OrderPage);
