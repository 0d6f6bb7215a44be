/**
 * The wallet tab: total balance, cards by group shown as their faces with a shortcut to each usable
 * card's pay code, binding a physical card, for merchant staff the way into 商户收款, and for
 * operators into 商户工作台.
 */
import { useEffect } from 'react';
import { View, Text, Image } from '@tarojs/components';
import { observer } from 'mobx-react-lite';
import { exactPrice, exactYuan } from '../../components/format';
import { StateView } from '../../components/state-view';
import { WALLET_GROUPS } from '../../domain/card';
import { fen } from '../../domain/money';
import { useStores } from '../../stores';
import { useClerk } from '../../stores/clerk-of';
import { giftingStrings } from '../../strings/zh-CN.gifting';
import { errorMessage, strings } from '../../strings/zh-CN';
import { navigate } from '../routes';
import { useSignedIn } from '../use-signed-in';
import './index.scss';

const s = strings.wallet;

function WalletPage() {
  const root = useStores();
  const { wallet, session } = root;
  const clerk = useClerk();
  const signedIn = useSignedIn(() => void wallet.load());
  const user = session.session?.user.user;
  // Only staff have a profile: asked once per signed-in user, and only of staff — as the session
  // says, or without one the wallet's answer (anyone else would be refused).
  const staff = session.isStaff(wallet.list.data?.staff);
  useEffect(() => {
    if (signedIn && staff) void clerk.loadProfile();
    else clerk.profile.reset(); // the last person's, if any: not this one's
  }, [clerk, signedIn, user, staff]);
  if (!signedIn)
    return (
      <StateView status="empty" message={s.signIn} onRetry={() => navigate.login()} actionText={strings.state.signIn} />
    );
  const list = wallet.list;
  if (list.status === 'error')
    return <StateView status="error" message={errorMessage(list.errorCode)} onRetry={() => void wallet.load()} />;
  if (list.status === 'idle' || (list.status === 'loading' && !list.data)) return <StateView status="loading" />;
  const data = list.data;
  const cards = wallet.cardsInGroup;
  return (
    <View className="page wallet">
      <View className="wallet__summary">
        <Text className="wallet__summary-label">{s.totalBalance}</Text>
        <Text className="wallet__summary-value" data-testid="total-balance">
          {exactYuan(data?.totalBalance ?? fen(0))}
        </Text>
        <View className="wallet__links">
          <Text className="wallet__bind" data-testid="gifts-entry" onClick={() => navigate.gifts()}>
            {strings.gift.listTitle} ›
          </Text>
          <Text className="wallet__bind" data-testid="bind-entry" onClick={() => navigate.bind()}>
            {s.bind} ›
          </Text>
        </View>
      </View>
      {clerk.profile.status === 'ready' && (
        <View className="panel wallet__merchant" onClick={() => navigate.merchantScan()} data-testid="merchant-entry">
          <View className="scan-mark wallet__merchant-icon" />
          <View className="wallet__merchant-text">
            <Text className="wallet__merchant-title">{strings.merchant.entry}</Text>
            <Text className="muted">{strings.merchant.entryHint}</Text>
          </View>
          <Text className="wallet__merchant-arrow">›</Text>
        </View>
      )}
      {clerk.profile.data?.profile.role === 'operator' && (
        <View className="panel wallet__merchant" onClick={() => navigate.merchantConsole()} data-testid="console-entry">
          <View className="wallet__merchant-icon wallet__merchant-icon--console" />
          <View className="wallet__merchant-text">
            <Text className="wallet__merchant-title">{strings.merchant.consoleEntry}</Text>
            <Text className="muted">{strings.merchant.consoleEntryHint}</Text>
          </View>
          <Text className="wallet__merchant-arrow">›</Text>
        </View>
      )}
      <View className="pills">
        {WALLET_GROUPS.map((g) => (
          <Text
            key={g}
            className={`pills__item${wallet.group === g ? ' pills__item--active' : ''}`}
            onClick={() => wallet.setGroup(g)}
          >
            {s.groups[g]} {data?.counts[g] ?? 0}
          </Text>
        ))}
      </View>
      {cards.length === 0 ? (
        <StateView
          status="empty"
          message={s.empty}
          hint={wallet.group === 'usable' ? s.emptyHint : undefined}
          onRetry={wallet.group === 'usable' ? () => navigate.home() : undefined}
          actionText={strings.state.toHome}
        />
      ) : (
        // A compact row per card: its face small, what it is, its last four (two cards of one
        // product tell apart), 余额 in a bold tabular figure, and the pay code a tap away.
        cards.map((c) => (
          <View
            key={c._id}
            className={`panel wallet__card${c.group === 'usable' ? '' : ' wallet__card--dim'}`}
            onClick={() => navigate.card(c._id)}
            data-testid="wallet-card"
          >
            <Image className="wallet__art" src={c.face.image} mode="aspectFill" />
            <View className="wallet__info">
              <Text className="wallet__name">{c.brandName}</Text>
              <Text className="wallet__sub">
                {c.productName} · {s.last4(c.last4)}
              </Text>
              <Text className="wallet__balance">
                <Text className="wallet__balance-label">{s.balance} </Text>
                {exactPrice(c.balance)}
              </Text>
            </View>
            {c.group === 'usable' && c.balance > 0 && (
              <Text
                className="wallet__pay"
                onClick={(e) => {
                  e.stopPropagation();
                  navigate.payCode(c._id);
                }}
                data-testid="wallet-pay"
              >
                {s.payCode}
              </Text>
            )}
          </View>
        ))
      )}
      {/* The avatar and nickname friends see on my gifts: chosen once, from here (its words with gifting's, off the first load). */}
      <View className="panel wallet__merchant" onClick={() => navigate.profile()} data-testid="profile-entry">
        <View className="wallet__merchant-text">
          <Text className="wallet__merchant-title">{giftingStrings.profile.entry}</Text>
          <Text className="muted">{giftingStrings.profile.entryHint}</Text>
        </View>
        <Text className="wallet__merchant-arrow">›</Text>
      </View>
      {session.needsSignIn && session.session && (
        <View className="wallet__account" data-testid="account">
          <Text className="wallet__account-name">{strings.login.signedInAs(session.session.user.nickname)}</Text>
          <Text className="wallet__sign-out" onClick={() => root.signOut()} data-testid="sign-out">
            {strings.login.signOut}
          </Text>
        </View>
      )}
    </View>
  );
}

export default observer(WalletPage);
