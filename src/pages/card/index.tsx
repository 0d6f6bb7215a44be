/**
 * One card: face, balance, paying in store, terms, expiry (notice, extension request), refund, and
 * its full history with the balance after each entry.
 */
import { View, Text } from '@tarojs/components';
import Taro, { useDidShow, useRouter } from '@tarojs/taro';
import { observer } from 'mobx-react-lite';
import { ActionButton } from '../../components/action-button';
import { CardFace } from '../../components/card-face';
import { chinaTime } from '../../components/china-time';
import { StateView } from '../../components/state-view';
import type { HistoryEntryView } from '../../contracts/wallet';
import { maskCode } from '../../domain/codes';
import { exactYuan } from '../../components/format';
import { fen, formatPrice } from '../../domain/money';
import { Consent } from '../consent';
import { useStores } from '../../stores';
import { navigate } from '../routes';
import { errorMessage, strings } from '../../strings/zh-CN';
import { cardStrings } from '../../strings/zh-CN.card';
import { ExpiryPanel } from './expiry-panel';
import { OfflineDevices } from './offline-devices';
import './index.scss';

const s = cardStrings.card;

/** The entry's name: a physical card's activation was its making, not a purchase. */
function entryLabel(type: HistoryEntryView['type'], physical: boolean): string {
  return physical && type === 'ACTIVATE' ? s.physicalActivate : s.historyTypes[type];
}

/**
 * The change, signed; a card received whole (好友领取转入) changes hands without changing its
 * balance, so it shows the balance that came with it.
 */
function entryAmount(h: HistoryEntryView): string {
  if (h.type === 'TRANSFER' && h.amount === 0) return `+${exactYuan(h.balanceAfter)}`;
  return h.amount === 0 ? '' : `${h.amount < 0 ? '−' : '+'}${exactYuan(fen(Math.abs(h.amount)))}`;
}

function CardPage() {
  const { wallet, consent } = useStores();
  const { id = '' } = useRouter().params;
  // On every show: coming back from paying in store or gifting, the balance and history have moved.
  useDidShow(() => void wallet.loadCard(id));
  const view = wallet.detail;
  const data = view.data?.card._id === id ? view.data : undefined;
  if (view.status === 'error' && !data)
    return <StateView status="error" message={errorMessage(view.errorCode)} onRetry={() => void wallet.loadCard(id)} />;
  if (!data) return <StateView status="loading" />;
  const { card, history, refund, expiry } = data;
  // A card bound by number + PIN was made as a physical card, not bought online.
  const physical = history.some((h) => h.type === 'BIND');
  // The cloud's clock decides expiry (expiry.expired), not the phone's.
  const usable = card.state === 'active' && !expiry.expired;
  const payable = usable && card.balance > 0;
  // Not offered when it can't succeed; the terms below say why (no transfers left).
  const giftable = payable && card.transfersLeft > 0;
  const askRefund = async (): Promise<void> => {
    const bonus = card.bonusValue > 0 ? formatPrice(card.bonusValue) : '';
    const answer = await Taro.showModal({
      title: s.refundTitle,
      content: s.refundBody(formatPrice(card.paidValue), bonus),
      confirmText: s.refundConfirm,
      confirmColor: '#cc3a2d',
    });
    if (answer.confirm) await wallet.refund(card._id);
  };
  return (
    <View className="page card">
      <CardFace
        image={card.face.image}
        brandName={`${card.brandName} · ${card.productName}`}
        dimmed={card.group !== 'usable'}
      />
      <View className="panel card__balance">
        <Text className="muted">{s.balance}</Text>
        <Text className="card__balance-value" data-testid="card-balance">
          {exactYuan(card.balance)}
        </Text>
        <Text className="card__blessing">“{card.blessing}”</Text>
        {payable && (
          <Text className="btn card__pay" onClick={() => navigate.payCode(card._id)} data-testid="pay-entry">
            {s.pay}
          </Text>
        )}
      </View>
      <ExpiryPanel
        expiry={expiry}
        busy={wallet.action.busy}
        // Asked before any await: WeChat opens its subscribe dialog only within the tap.
        onRequest={(note) => wallet.requestExtension(card._id, note, consent.ask('requestExtension'))}
      />
      <View className="panel">
        <View className="kv">
          <Text className="kv__label">{s.initialValue}</Text>
          <Text>
            {formatPrice(card.initialValue)}
            {card.bonusValue > 0 ? `（${s.bonus} ${formatPrice(card.bonusValue)}）` : ''}
          </Text>
        </View>
        <View className="kv">
          <Text className="kv__label">{s.code}</Text>
          <Text>{maskCode(card.last4)}</Text>
        </View>
        <View className="kv">
          <Text className="kv__label">{s.expires}</Text>
          <Text>{card.expiresAt === null ? s.neverExpires : chinaTime(card.expiresAt, 'YYYY-MM-DD')}</Text>
        </View>
        {payable && (
          <View className="kv">
            <Text className="kv__label">{strings.brand.transferLabel}</Text>
            <Text data-testid="transfers-left">{strings.gift.transfersLeft(card.transfersLeft)}</Text>
          </View>
        )}
        {card.refundable && card.refundableUntil !== null && (
          <View className="kv">
            <Text className="kv__label">{strings.brand.refundLabel}</Text>
            <Text>{s.refundableUntil(chinaTime(card.refundableUntil))}</Text>
          </View>
        )}
        {refund && (
          <View className="kv">
            <Text className="kv__label">{strings.brand.refundLabel}</Text>
            <Text data-testid="refund-status">
              {s.refundStatus[refund.status]} {formatPrice(refund.amount)}
            </Text>
          </View>
        )}
      </View>
      <OfflineDevices cardId={card._id} />
      <View className="panel">
        <Text className="panel__title">{s.history}</Text>
        {history.map((h) => (
          <View key={h._id} className="card__entry" data-testid="history-entry">
            <View className="card__entry-main">
              <Text>{entryLabel(h.type, physical)}</Text>
              <Text className={h.amount < 0 ? 'card__minus' : 'card__plus'}>{entryAmount(h)}</Text>
            </View>
            <View className="card__entry-sub">
              <Text className="muted">
                {chinaTime(h.at)} · {h.storeName || (physical && h.type !== 'REDEEM' ? s.physical : s.online)}
              </Text>
              <Text className="muted">{s.balanceAfter(exactYuan(h.balanceAfter))}</Text>
            </View>
          </View>
        ))}
      </View>
      {wallet.action.errorCode && <Text className="error-text">{errorMessage(wallet.action.errorCode)}</Text>}
      {(card.refundable || giftable) && (
        <View className="action-bar">
          {card.refundable && (
            <ActionButton ghost disabled={wallet.action.busy} onPress={askRefund} testId="refund">
              {s.refund}
            </ActionButton>
          )}
          {giftable && (
            <Text className="btn" data-testid="gift-entry" onClick={() => navigate.gift(card._id)}>
              {strings.gift.open}
            </Text>
          )}
        </View>
      )}
      <Consent />
    </View>
  );
}

export default observer(CardPage);
