/**
 * Paying in store, the holder's side: the card, a QR code and the same code as digits (masked to the
 * last four until tapped, so a glance over the shoulder doesn't take it), the seconds until the next
 * code, the balance, and what the clerk does live: a large amount to confirm, then the payment. The
 * holder picks which of their cards of the brand pay (split payment), and pays a remainder the cards
 * don't cover with WeChat Pay.
 */
import { useEffect, useState } from 'react';
import { View, Text, Image } from '@tarojs/components';
import Taro, { useDidHide, useDidShow, useRouter } from '@tarojs/taro';
import { observer } from 'mobx-react-lite';
import { PayQr } from '../../components/pay-qr';
import { StateView } from '../../components/state-view';
// After the state view, as on the till, so the shared style chunk orders the two the same way.
import { isSplitReceipt, SplitReceipt } from '../../components/split-receipt';
import { exactPrice } from '../../components/format';
import { fen } from '../../domain/money';
import { groupPayCode } from '../../domain/redemption';
import { useStores } from '../../stores';
import { usePayCode } from '../../stores/page-stores';
import { errorMessage, strings } from '../../strings/zh-CN';
import { cardStrings } from '../../strings/zh-CN.card';
import { navigate } from '../routes';
import { secondsLeft, useNow } from '../use-now';
import { useSignedIn } from '../use-signed-in';
import { CardChoice } from './card-choice';
import { ConfirmSheet } from './confirm-sheet';
import { RemainderSheet } from './remainder-sheet';
import './index.scss';

const s = cardStrings.payCode;

const errorMessageOf = (code: string | undefined): string | undefined => code && errorMessage(code);

/** "•••• •••• •••• 4490". */
const maskPayCode = (code: string): string => `${'•••• '.repeat(3)}${code.slice(-4)}`;

function PayCodePage() {
  const { wallet } = useStores();
  const payCode = usePayCode();
  const { cardId = '' } = useRouter().params;
  const [revealed, setRevealed] = useState(false);
  const signedIn = useSignedIn(() => payCode.show(cardId));
  useDidHide(() => payCode.hide());
  // H5's title bar takes the app's colours, not the page's (Taro): the red of this page is set here.
  useDidShow(() => {
    if (process.env.TARO_ENV === 'h5')
      void Taro.setNavigationBarColor({ frontColor: '#ffffff', backgroundColor: '#cc3a2d' });
  });
  useEffect(() => () => payCode.leave(), [payCode]);
  useEffect(() => {
    if (signedIn && wallet.detail.data?.card._id !== cardId) void wallet.loadCard(cardId);
    // My other cards of the brand, for the choice of cards that pay (a fresh list: balances change at the till).
    if (signedIn) void wallet.load();
  }, [signedIn, wallet, cardId]);
  const opened = wallet.detail.data?.card._id === cardId ? wallet.detail.data.card : undefined;
  const myCards = wallet.list.data?.cards;
  useEffect(() => {
    if (opened && myCards) payCode.setupSplit(opened, myCards);
  }, [payCode, opened, myCards]);
  const { code, pending, result, split } = payCode;
  const now = useNow(code !== undefined || pending !== undefined);

  if (!signedIn)
    return (
      <StateView status="empty" message={s.signIn} onRetry={() => navigate.login()} actionText={strings.state.signIn} />
    );
  if (payCode.cardId !== cardId || (!code && !result && !payCode.errorCode)) return <StateView status="loading" />;
  if (!code && !result) {
    const message = payCode.offlineUnavailable ? cardStrings.offline.noKey : errorMessage(payCode.errorCode);
    return <StateView status="error" message={message} onRetry={() => payCode.resume()} />;
  }

  const card = opened;
  const balance = payCode.balance;
  /** "蓝山咖啡 国贸店": the cloud names the store; the brand is the card's. */
  const where = (storeName: string | null): string => [card?.brandName, storeName].filter(Boolean).join(' ');
  return (
    <View className="paycode">
      <View className="paycode__sheet">
        <View className="paycode__head">
          {card && <Image className="paycode__face" src={card.face.image} mode="aspectFill" />}
          <View className="paycode__brand">
            <Text className="paycode__brand-name">{card?.brandName ?? ''}</Text>
            <Text className="muted">{card?.productName ?? ''}</Text>
          </View>
        </View>

        {payCode.notice && (
          <Text className="paycode__notice" onClick={() => payCode.dismissNotice()} data-testid="pay-notice">
            {s.notices[payCode.notice]}
          </Text>
        )}

        {result ? (
          <View className="paycode__paid" data-testid="pay-result">
            <View className="result-mark" />
            <Text className="paycode__paid-title">{s.paid}</Text>
            <Text className="paycode__paid-amount" data-testid="pay-result-amount">
              {exactPrice(result.amount ?? fen(0))}
            </Text>
            <Text className="muted">{where(result.storeName)}</Text>
            {isSplitReceipt(result.split) && <SplitReceipt receipt={result.split} labels={cardStrings.split} />}
          </View>
        ) : (
          code && (
            <View className="paycode__code">
              {payCode.offline ? (
                <View className="paycode__offline" data-testid="pay-offline">
                  <Text className="paycode__offline-badge">{cardStrings.offline.badge}</Text>
                  <Text className="paycode__offline-text">
                    {cardStrings.offline.allowance(exactPrice(payCode.offline.allowance))}
                  </Text>
                  <Text className="paycode__offline-text">{cardStrings.offline.overCap}</Text>
                </View>
              ) : (
                <Text className="paycode__hint">{s.hint}</Text>
              )}
              <View className="paycode__digits" onClick={() => setRevealed(!revealed)} data-testid="pay-digits">
                <Text className="paycode__digits-text">
                  {revealed ? groupPayCode(code.code) : maskPayCode(code.code)}
                </Text>
                <Text className="paycode__reveal">{revealed ? s.hideDigits : s.showDigits}</Text>
              </View>
              <View className="paycode__qr" data-testid="pay-qr">
                {payCode.paused ? (
                  <View className="paycode__paused" onClick={() => payCode.resume()} data-testid="pay-resume">
                    <Text className="paycode__paused-title">{s.paused}</Text>
                    <Text className="paycode__paused-hint">{s.pausedHint}</Text>
                  </View>
                ) : (
                  <PayQr
                    text={code.qr}
                    expiresAt={code.expiresAt}
                    refreshAt={code.refreshAt}
                    now={code.now}
                    onDue={() => payCode.onDue()}
                  />
                )}
              </View>
              {payCode.errorCode ? (
                <Text className="paycode__countdown paycode__countdown--error" onClick={() => payCode.resume()}>
                  {s.refreshFailed}
                </Text>
              ) : (
                !payCode.paused &&
                !pending && (
                  <Text className="paycode__countdown" data-testid="pay-countdown">
                    {payCode.fetching ? s.refreshing : s.refreshIn(secondsLeft(payCode.dueAt ?? now, now))}
                  </Text>
                )
              )}
            </View>
          )
        )}

        {split && !result && !pending && <CardChoice split={split} onToggle={(id) => payCode.toggleCard(id)} />}

        <View className="paycode__balance">
          <Text className="paycode__balance-label">{s.balance}</Text>
          <Text className="paycode__balance-value" data-testid="pay-balance">
            {balance === undefined ? '—' : exactPrice(balance)}
          </Text>
        </View>
      </View>

      {result ? (
        <View className="paycode__buttons">
          <Text className="btn paycode__button--light" onClick={() => navigate.back()}>
            {s.done}
          </Text>
          <Text className="btn paycode__button--light" onClick={() => payCode.again()} data-testid="pay-again">
            {s.again}
          </Text>
        </View>
      ) : (
        <Text className="paycode__safety">{s.safety}</Text>
      )}

      {pending?.split && split && pending.split.wechatPay > 0 && (
        <RemainderSheet
          receipt={pending.split}
          storeName={where(pending.storeName)}
          secondsLeft={secondsLeft(payCode.confirmDeadline ?? now, now)}
          busy={split.action.busy || payCode.action.busy}
          error={errorMessageOf(split.action.errorCode ?? payCode.action.errorCode)}
          localSheet={split.sheet}
          onPay={() => void payCode.payRemainder()}
          onDecline={() => void payCode.decline()}
          onConfirmLocal={() => void payCode.confirmSheet()}
          onCloseLocal={() => split.closeSheet()}
        />
      )}
      {pending && !(pending.split && pending.split.wechatPay > 0) && (
        <ConfirmSheet
          amount={pending.amount ?? fen(0)}
          storeName={where(pending.storeName)}
          secondsLeft={secondsLeft(payCode.confirmDeadline ?? now, now)}
          busy={payCode.action.busy}
          error={payCode.action.errorCode && errorMessage(payCode.action.errorCode)}
          onConfirm={() => void payCode.confirm()}
          onDecline={() => void payCode.decline()}
        />
      )}
    </View>
  );
}

export default observer(PayCodePage);
