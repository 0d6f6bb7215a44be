/** The orders tab: my orders, newest first, with their state. */
import { View, Text, Image } from '@tarojs/components';
import { observer } from 'mobx-react-lite';
import { chinaTime } from '../../components/china-time';
import { StateView } from '../../components/state-view';
import { formatPrice } from '../../domain/money';
import { useStores } from '../../stores';
import { errorMessage, strings } from '../../strings/zh-CN';
import { navigate } from '../routes';
import { useSignedIn } from '../use-signed-in';
import { orderStatusLabel } from './status-label';
import './index.scss';

const s = strings.orders;

function OrdersPage() {
  const { orders } = useStores();
  const signedIn = useSignedIn(() => void orders.load());
  if (!signedIn)
    return (
      <StateView status="empty" message={s.signIn} onRetry={() => navigate.login()} actionText={strings.state.signIn} />
    );
  const list = orders.list;
  if (list.status === 'error')
    return <StateView status="error" message={errorMessage(list.errorCode)} onRetry={() => void orders.load()} />;
  if (list.status === 'empty')
    return (
      <StateView
        status="empty"
        message={s.empty}
        hint={strings.wallet.emptyHint}
        onRetry={() => navigate.home()}
        actionText={strings.state.toHome}
      />
    );
  if (!list.data) return <StateView status="loading" />;
  return (
    <View className="page">
      {list.data.orders.map((o) => (
        <View key={o._id} className="panel order-row" data-testid="order-row" onClick={() => navigate.order(o._id)}>
          <Image className="order-row__art" src={o.face.image} mode="aspectFill" />
          <View className="order-row__main">
            <Text className="order-row__name">
              {o.brandName} · {o.productName}
            </Text>
            <Text className="muted">
              {formatPrice(o.amount)} {s.quantity(o.quantity)} · {chinaTime(o.createdAt)}
            </Text>
          </View>
          <View className="order-row__side">
            <Text
              className={`order-row__status order-row__status--${o.refund ? 'refunded' : o.status}`}
              data-testid="order-row-status"
            >
              {orderStatusLabel(o)}
            </Text>
            <Text className="order-row__total">{formatPrice(o.total)}</Text>
          </View>
        </View>
      ))}
    </View>
  );
}

export default observer(OrdersPage);
