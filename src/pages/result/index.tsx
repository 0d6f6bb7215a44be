/** After paying: waits for the payment notification to settle the order, then shows its cards. */
import { useEffect } from 'react';
import { View, Text } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { observer } from 'mobx-react-lite';
import { CardFace } from '../../components/card-face';
import { StateView } from '../../components/state-view';
import { useStores } from '../../stores';
import { errorMessage, strings } from '../../strings/zh-CN';
import { giftingStrings } from '../../strings/zh-CN.gifting';
import { navigate } from '../routes';
import './index.scss';

function ResultPage() {
  const { orders } = useStores();
  const { orderId = '' } = useRouter().params;
  useEffect(() => {
    void orders.awaitPaid(orderId);
  }, [orders, orderId]);
  const view = orders.detail;
  const data = view.data?.order._id === orderId ? view.data : undefined;
  const plan = data?.order.status === 'paid' ? data.order.giftPlan : undefined;
  const single = plan && data?.cards.length === 1 ? data.cards[0] : undefined;
  useEffect(() => {
    // Bought to gift: the one card goes straight on to the send step, as chosen in the buy sheet.
    if (plan && single) navigate.sendStep(single._id, plan, true);
  }, [plan, single]);
  if (view.status === 'error' && !data)
    return (
      <StateView status="error" message={errorMessage(view.errorCode)} onRetry={() => void orders.awaitPaid(orderId)} />
    );
  const status = data?.order.status;
  const heading =
    status === 'paid'
      ? strings.result.success
      : status === 'closed'
        ? strings.result.closed
        : orders.stillConfirming
          ? strings.result.stillConfirming
          : strings.result.confirming;
  return (
    <View className="page result">
      <View className={`result__icon result__icon--${status ?? 'pending'}`}>{status === 'paid' ? '✓' : '…'}</View>
      <Text className="result__heading" data-testid="result-heading">
        {heading}
      </Text>
      {status === 'paid' && <Text className="muted">{strings.result.successHint(data!.cards.length)}</Text>}
      <View className="result__cards">
        {data?.cards.map((c) => (
          <View key={c._id} className="result__card">
            <CardFace
              image={c.face.image}
              brandName={c.brandName}
              balance={c.balance}
              onClick={() => navigate.card(c._id)}
            />
            {plan && (
              <Text
                className="btn result__send"
                data-testid="result-send"
                onClick={() => navigate.sendStep(c._id, plan, false)}
              >
                {giftingStrings.gifting.sendCard}
              </Text>
            )}
          </View>
        ))}
      </View>
      <View className="action-bar">
        <Text className="btn btn--ghost" onClick={() => navigate.order(orderId)}>
          {strings.result.toOrder}
        </Text>
        <Text className="btn" data-testid="to-wallet" onClick={() => navigate.wallet()}>
          {strings.result.toWallet}
        </Text>
      </View>
    </View>
  );
}

export default observer(ResultPage);
