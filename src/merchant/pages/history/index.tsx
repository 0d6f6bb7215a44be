/** 今日收款: the clerk's redemptions of today, newest first, with the day's totals and reversal while allowed. */
import { View, Text } from '@tarojs/components';
import { observer } from 'mobx-react-lite';
import { chinaTime } from '../../../components/china-time';
import { StateView } from '../../../components/state-view';
import { maskCode } from '../../../domain/codes';
import type { PayCodeStatus } from '../../../domain/redemption';
import { exactPrice, exactYuan } from '../../../components/format';
import { formatPrice } from '../../../domain/money';
import { useSignedIn } from '../../../pages/use-signed-in';
import { useStaffStores } from '../../stores';
import { errorMessage, strings } from '../../../strings/zh-CN';
import { askReverse } from '../../ask-reverse';
import { StaffGate } from '../../staff-gate';
import './index.scss';

const m = strings.merchant;

/** Money taken or about to be: the rest are shown struck through. */
const counted = (status: PayCodeStatus): boolean => status === 'completed' || status === 'pending';

const Today = observer(function Today() {
  const { clerk } = useStaffStores();
  const view = clerk.history;
  if (view.status === 'error' && !view.data)
    return <StateView status="error" message={errorMessage(view.errorCode)} onRetry={() => void clerk.loadHistory()} />;
  if (!view.data) return <StateView status="loading" />;
  const { totals, redemptions } = view.data;
  return (
    <View className="page today">
      <View className="today__totals" data-testid="history-totals">
        <Text className="today__label">{m.net}</Text>
        <Text className="today__net" data-testid="history-net">
          {exactYuan(totals.net)}
        </Text>
        <View className="today__counts">
          <Text>{m.count(totals.count)}</Text>
          {totals.reversedCount > 0 && (
            <Text>{m.reversedTotal(totals.reversedCount, formatPrice(totals.reversedAmount))}</Text>
          )}
        </View>
      </View>
      {clerk.reversalFrom === 'history' && clerk.reversal.errorCode && (
        <Text className="error-text" data-testid="history-error">
          {errorMessage(clerk.reversal.errorCode)}
        </Text>
      )}
      {redemptions.length === 0 ? (
        <StateView status="empty" message={m.historyEmpty} hint={m.historyEmptyHint} />
      ) : (
        <View className="panel today__list">
          {redemptions.map((r) => (
            <View key={r.id} className="today__row" data-testid="history-row" data-status={r.status}>
              <View className="today__main">
                <Text className="today__time">{chinaTime(r.usedAt, 'HH:mm')}</Text>
                <View className="today__what">
                  <Text className="today__card">
                    {r.brandName} {maskCode(r.last4)}
                  </Text>
                  <Text className="muted">{r.storeName}</Text>
                </View>
              </View>
              <View className="today__side">
                <Text className={`today__amount${counted(r.status) ? '' : ' today__amount--off'}`}>
                  {exactPrice(r.amount)}
                </Text>
                {clerk.reversible(r) ? (
                  <Text
                    className="today__reverse"
                    onClick={() => !clerk.reversal.busy && void askReverse(clerk, r, 'history')}
                    data-testid="history-reverse"
                  >
                    {m.reverse}
                  </Text>
                ) : (
                  <Text className={`today__status today__status--${r.status}`}>{m.status[r.status]}</Text>
                )}
              </View>
            </View>
          ))}
        </View>
      )}
    </View>
  );
});

function HistoryPage() {
  const { clerk } = useStaffStores();
  // Fresh on every show; the gate decides what a signed-out or non-staff visitor sees instead.
  useSignedIn(() => void clerk.loadHistory());
  return (
    <StaffGate>
      <Today />
    </StaffGate>
  );
}

export default HistoryPage;
