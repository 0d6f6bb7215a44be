/**
 * The landing page of a claim token: who sends what, the face and blessing, the time left; claiming
 * puts the card (or a share) into the claimer's wallet. Each way a claim can't happen — own gift,
 * claimed, all shares gone, expired, cancelled, a bad link — has its own screen.
 */
import { useEffect, useState } from 'react';
import { View, Text } from '@tarojs/components';
import { Input } from '../../components/input';
import { useRouter } from '@tarojs/taro';
import { observer } from 'mobx-react-lite';
import { ActionButton } from '../../components/action-button';
import { CardFace } from '../../components/card-face';
import { StateView } from '../../components/state-view';
import { GIFT_LIMITS, type GiftLandingView } from '../../contracts/gifts';
import { landingWords } from './landing-words';
import { fen, formatPrice } from '../../domain/money';
import { Consent } from '../consent';
import { useStores } from '../../stores';
import { useGifts, useProfile } from '../../stores/page-stores';
import { errorMessage, strings } from '../../strings/zh-CN';
import { giftingStrings } from '../../strings/zh-CN.gifting';
import { navigate } from '../routes';
import { entryOf } from '../entry-params';
import { whenSignedIn } from '../use-signed-in';
import { Envelope } from './envelope';
import { SealedCard } from './sealed-card';
import { ThanksForm } from './thanks-form';
import './index.scss';

const s = strings.claim;

function useCountdown(gift: GiftLandingView | undefined): number {
  const [loadedAt] = useState(() => Date.now());
  const [, tick] = useState(0);
  useEffect(() => {
    const timer = setInterval(() => tick((n) => n + 1), 1_000);
    return () => clearInterval(timer);
  }, []);
  // Counted from the cloud's clock at load, so a phone set to the wrong time still counts right.
  return gift ? gift.expiresAt - gift.now - (Date.now() - loadedAt) : 0;
}

function ClaimPage() {
  const { session, consent } = useStores();
  const gifts = useGifts();
  // A share card or link (t), a 小程序码 (scene: the gift's short id), or a scanned link (q).
  const entry = entryOf(useRouter().params, 't');
  const scene = entry?.kind === 'scene' ? entry.value : '';
  const token = entry?.kind === 'query' ? entry.value : '';
  const open = (): void => void gifts.openLanding(scene ? { scene } : { token });
  // Prefilled from the profile (the nickname chosen, else the account's), also when it arrives with a
  // sign-in on the way to claiming; editable.
  const profile = useProfile();
  const [typed, setName] = useState<string | null>(null);
  const name = typed ?? (profile.nickname || session.session?.user.nickname || '');
  useEffect(() => {
    void gifts.openLanding(scene ? { scene } : { token });
  }, [gifts, scene, token, session.signedIn]);
  const view = gifts.landing;
  const gift = view.data?.gift;
  const left = useCountdown(gift);
  if (view.status === 'error' && !gift) {
    if (view.errorCode === 'NOT_FOUND')
      return (
        <StateView
          status="empty"
          message={s.notFound}
          hint={s.notFoundHint}
          onRetry={() => navigate.home()}
          actionText={strings.state.toHome}
        />
      );
    return <StateView status="error" message={errorMessage(view.errorCode)} onRetry={open} />;
  }
  if (!gift) return <StateView status="loading" />;
  // Until its opening a sealed gift is an envelope with a countdown (counted like the window).
  const sealedLeft = gift.opensAt === undefined ? 0 : left - (gift.expiresAt - gift.opensAt);
  if (sealedLeft > 0 && ['open', 'partlyClaimed'].includes(gift.state))
    return (
      <View className="page claim">
        <SealedCard gift={gift} left={sealedLeft} />
        <Consent />
      </View>
    );
  const mine =
    gifts.claimed ??
    (gift.mine.cardId ? { cardId: gift.mine.cardId, amount: gift.mine.claimedAmount ?? fen(0) } : null);
  const words = landingWords(gift, mine ? { justNow: gifts.claimed !== undefined } : null, left);
  const refusal = words.refusal;
  // A gift still to claim opens as an envelope first: one tap opens it, one more claims it.
  if (!mine && !refusal && gifts.openedToken !== gifts.landingToken)
    return (
      <View className="page claim">
        <Envelope gift={gift} onOpen={() => gifts.openEnvelope()} />
      </View>
    );
  const revealed = !mine && !refusal;
  const claim = (): void =>
    whenSignedIn(session.signedIn, () => {
      // Asked before any await: WeChat opens its subscribe dialog only within the tap.
      if (name.trim() !== '') void gifts.claim(gifts.landingToken, name, consent.ask('claimGift'));
    });
  return (
    <View className={`page claim${revealed ? ' claim--revealed' : ''}`}>
      <View className="claim__head">
        <Text className="claim__title" data-testid="claim-title">
          {words.title}
        </Text>
        {words.from && (
          <Text className="claim__from" data-testid="claim-from">
            {words.from}
          </Text>
        )}
      </View>
      <CardFace
        image={gift.face.image}
        brandName={`${gift.brandName} · ${gift.productName}`}
        balance={mine ? mine.amount : gift.mode === 'single' ? gift.amount : undefined}
        caption={gift.mode === 'group' ? s.group(gift.sharesLeft, gift.sharesTotal) : undefined}
        dimmed={refusal !== null}
        message={{ blessing: gift.blessing, from: gift.senderName }}
      />
      <View className="panel">
        <Text className="claim__blessing" data-testid="claim-blessing">
          “{gift.blessing}”
        </Text>
        {!mine && !refusal && (
          <Text className="muted" data-testid="claim-time-left">
            {s.timeLeft(strings.duration(left))}
          </Text>
        )}
      </View>

      {mine ? (
        <View className="panel claim__result" data-testid="claim-success">
          <Text className="claim__amount">{s.successHint(formatPrice(mine.amount))}</Text>
          <View className="claim__buttons">
            <Text className="btn btn--ghost" onClick={() => navigate.wallet()}>
              {s.toWallet}
            </Text>
            <Text className="btn" onClick={() => navigate.card(mine.cardId)} data-testid="claim-to-card">
              {s.toCard}
            </Text>
          </View>
        </View>
      ) : refusal ? (
        <View className="panel claim__result" data-testid="claim-refused" data-code={refusal.code}>
          {refusal.message && <Text className="claim__refusal">{refusal.message}</Text>}
          {refusal.hint && <Text className="muted">{refusal.hint}</Text>}
          {!gift.mine.isSender && (
            <ActionButton ghost className="claim__button" onPress={() => navigate.home()} testId="claim-home">
              {strings.state.toHome}
            </ActionButton>
          )}
        </View>
      ) : (
        <View className="panel">
          {session.signedIn && (
            <View>
              <Text className="claim__label">{s.yourName}</Text>
              <Input
                className="field"
                value={name}
                maxlength={GIFT_LIMITS.nameMax}
                placeholder={s.yourNamePlaceholder}
                onInput={(e) => setName(e.detail.value)}
                data-testid="claim-name"
              />
            </View>
          )}
          {gifts.action.errorCode && (
            <Text className="error-text" data-testid="claim-error">
              {errorMessage(gifts.action.errorCode)}
            </Text>
          )}
          <ActionButton
            className="claim__button"
            disabled={gifts.action.busy || (session.signedIn && name.trim() === '')}
            onPress={claim}
            testId="claim"
          >
            {gifts.action.busy ? s.claiming : session.signedIn ? s.claim : s.signIn}
          </ActionButton>
        </View>
      )}
      {gift.claims && gift.claims.length > 0 && (
        <View className="panel claim__claims" data-testid="claim-claims">
          <Text className="claim__label">
            {giftingStrings.gifting.claimsTitle(gift.claims.length, gift.sharesTotal)}
          </Text>
          {gift.claims.map((c) => (
            <View key={`${c.name}-${c.at}`} className="claim__claim" data-testid="claim-claim">
              <Text>
                {c.name}
                {c.best && <Text className="claim__best">{giftingStrings.gifting.best}</Text>}
              </Text>
              <Text>{formatPrice(c.amount)}</Text>
            </View>
          ))}
        </View>
      )}
      {mine && <ThanksForm sent={gift.mine.thanks} />}
      <Consent />
    </View>
  );
}

export default observer(ClaimPage);
