/**
 * My gifts: the ones I sent with their state (waiting, claimed by whom and when, partly claimed,
 * returned, cancelled) and the ones I received; on the local cloud, its message outbox.
 */
import { useState } from 'react';
import { View, Text, Image } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { observer } from 'mobx-react-lite';
import { chinaTime } from '../../components/china-time';
import { StateView } from '../../components/state-view';
import { ThanksNote } from '../../components/thanks-note';
import { formatPrice } from '../../domain/money';
import { useStores } from '../../stores';
import { useGifts } from '../../stores/page-stores';
import { errorMessage, strings } from '../../strings/zh-CN';
import { giftingStrings } from '../../strings/zh-CN.gifting';
import { navigate } from '../routes';
import { useSignedIn } from '../use-signed-in';
import './index.scss';

const s = strings.gift;

const Sent = observer(function Sent() {
  const gifts = useGifts();
  const view = gifts.sent;
  if (view.status === 'error')
    return <StateView status="error" message={errorMessage(view.errorCode)} onRetry={() => void gifts.loadSent()} />;
  if (view.status === 'empty') return <StateView status="empty" message={s.emptySent} />;
  if (!view.data) return <StateView status="loading" />;
  return (
    <View>
      <Text className="muted gifts__left">{s.leftToday(view.data.giftsLeftToday)}</Text>
      {view.data.gifts.map((g) => (
        <View
          key={g._id}
          className="gifts__item"
          data-testid="sent-gift"
          data-state={g.state}
          onClick={() => gifts.pick(g._id) && navigate.shareAgain(g._id)}
        >
          <Image className="gifts__thumb" src={g.face.image} mode="aspectFill" />
          <View className="gifts__main">
            <View className="gifts__line">
              <Text className="gifts__name">{g.brandName}</Text>
              <Text className={`gifts__state gifts__state--${g.state}`}>{s.states[g.state]}</Text>
            </View>
            <Text className="gifts__amount">
              {formatPrice(g.amount)}
              {g.mode === 'group' ? ` · ${s.progress(g.claimedCount, g.sharesTotal)}` : ''}
            </Text>
            {g.claims.slice(0, 3).map((c) => (
              <Text key={`${c.name}-${c.at}`} className="muted gifts__sub">
                {s.claimedBy(c.name, chinaTime(c.at))}
              </Text>
            ))}
            {g.state === 'open' && g.opensAt !== undefined && (
              <Text className="muted gifts__sub">{giftingStrings.gifting.opensAt(chinaTime(g.opensAt))}</Text>
            )}
            {(g.state === 'open' || g.state === 'partlyClaimed') && (
              <Text className="muted gifts__sub">{s.expiresIn(chinaTime(g.expiresAt))}</Text>
            )}
            {g.thanks.slice(0, 3).map((t) => (
              <ThanksNote key={`${t.name}-${t.at}`} thanks={t} compact />
            ))}
          </View>
        </View>
      ))}
    </View>
  );
});

const Received = observer(function Received() {
  const gifts = useGifts();
  const view = gifts.received;
  if (view.status === 'error')
    return (
      <StateView status="error" message={errorMessage(view.errorCode)} onRetry={() => void gifts.loadReceived()} />
    );
  if (view.status === 'empty') return <StateView status="empty" message={s.emptyReceived} />;
  if (!view.data) return <StateView status="loading" />;
  return (
    <View>
      {view.data.gifts.map((g) => (
        <View
          key={`${g.giftId}-${g.cardId}`}
          className="gifts__item"
          data-testid="received-gift"
          onClick={() => navigate.card(g.cardId)}
        >
          <Image className="gifts__thumb" src={g.face.image} mode="aspectFill" />
          <View className="gifts__main">
            <View className="gifts__line">
              <Text className="gifts__name">{g.brandName}</Text>
              <Text className="gifts__amount">{formatPrice(g.amount)}</Text>
            </View>
            <Text className="muted gifts__sub">
              {s.from(g.senderName)} · {chinaTime(g.claimedAt)}
            </Text>
          </View>
        </View>
      ))}
    </View>
  );
});

/** The local cloud's outbox: the subscribe messages production would have sent me. */
const Outbox = observer(function Outbox() {
  const gifts = useGifts();
  const view = gifts.outbox;
  return (
    <View className="panel gifts__outbox" data-testid="outbox">
      <Text className="panel__title">{s.outbox}</Text>
      {view.status === 'empty' && <Text className="muted">{s.outboxEmpty}</Text>}
      {(view.data ?? []).slice(0, 10).map((m) => (
        <View key={m.id} className="gifts__message" data-testid="outbox-message" data-kind={m.kind}>
          <Text className="gifts__message-note">{m.fields.note}</Text>
          <Text className="muted">
            {m.fields.card} · {m.fields.amount} · {m.fields.who} · {chinaTime(m.at)}
          </Text>
        </View>
      ))}
    </View>
  );
});

function GiftsPage() {
  const { session } = useStores();
  const gifts = useGifts();
  const { tab: initial } = useRouter().params;
  const [tab, setTab] = useState<'sent' | 'received'>(initial === 'received' ? 'received' : 'sent');
  const signedIn = useSignedIn(() => {
    void gifts.loadSent();
    void gifts.loadReceived();
    if (session.needsSignIn) void gifts.loadOutbox();
  });
  if (!signedIn)
    return (
      <StateView
        status="empty"
        message={strings.wallet.signIn}
        onRetry={() => navigate.login()}
        actionText={strings.state.signIn}
      />
    );
  return (
    <View className="page gifts">
      <View className="pills gifts__tabs">
        {(['sent', 'received'] as const).map((t) => (
          <Text
            key={t}
            className={`pills__item${tab === t ? ' pills__item--active' : ''}`}
            onClick={() => setTab(t)}
            data-testid={`gifts-tab-${t}`}
          >
            {t === 'sent' ? s.sentTab : s.receivedTab}
          </Text>
        ))}
      </View>
      {tab === 'sent' ? <Sent /> : <Received />}
      {session.needsSignIn && <Outbox />}
    </View>
  );
}

export default observer(GiftsPage);
