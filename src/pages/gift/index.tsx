/**
 * The gift form: one friend or a group, the whole card or an amount, shares and how they are cut,
 * the face, the blessing and the name the friend sees. Making the gift opens its share page.
 */
import { useEffect } from 'react';
import { View, Text } from '@tarojs/components';
import { Input } from '../../components/input';
import { Textarea } from '../../components/textarea';
import { useRouter } from '@tarojs/taro';
import { observer } from 'mobx-react-lite';
import { ActionButton } from '../../components/action-button';
import { CardFace } from '../../components/card-face';
import { FacePicker } from '../../components/face-picker';
import { StateView } from '../../components/state-view';
import { GIFT_LIMITS } from '../../contracts/gifts';
import { GIFT_RULES } from '../../domain/gift';
import { giftPlanOfQuery } from '../../domain/gift-plan';
import { formatPrice } from '../../domain/money';
import { Consent } from '../consent';
import { useStores } from '../../stores';
import { useGifts, useProfile } from '../../stores/page-stores';
import { errorMessage, strings } from '../../strings/zh-CN';
import { giftingStrings } from '../../strings/zh-CN.gifting';
import { navigate } from '../routes';
import { SealPicker } from './seal-picker';
import { Chip } from '../../components/chip';
import { Stepper } from '../../components/stepper';
import './index.scss';

const s = strings.gift;

function GiftPage() {
  const { wallet, catalog, session, consent } = useStores();
  const gifts = useGifts();
  const profile = useProfile();
  const { cardId = '', from, mode, shares, shareMode } = useRouter().params;
  const fromOrder = from === 'order';
  const card = wallet.detail.data?.card._id === cardId ? wallet.detail.data.card : undefined;
  // The card page just loaded this card: fetched again only when the page was opened directly.
  useEffect(() => {
    if (wallet.detail.data?.card._id !== cardId) void wallet.loadCard(cardId);
  }, [wallet, cardId]);
  // Once per card (not per answer about it), so a later reload neither resets the form nor asks
  // for the brand again.
  const brandId = card?.brandId;
  const shownId = card?._id;
  useEffect(() => {
    const c = wallet.detail.data?.card;
    if (!shownId || c?._id !== shownId) return;
    const blessing = c.fromGift ? s.defaultBlessing : c.blessing;
    gifts.start(
      c,
      profile.nickname || session.session?.user.nickname || '',
      blessing,
      giftPlanOfQuery({ mode, shares, shareMode }),
    );
  }, [wallet, gifts, session, profile, shownId, mode, shares, shareMode]);
  useEffect(() => {
    if (brandId && catalog.brand.data?.brand._id !== brandId) void catalog.loadBrand(brandId);
  }, [catalog, brandId]);
  // A profile that arrives after the form started still signs an unsigned gift: the nickname chosen
  // on the profile page first, else the account's.
  const nickname = profile.nickname || session.session?.user.nickname || '';
  useEffect(() => {
    if (nickname !== '' && gifts.senderName === '') gifts.setSenderName(nickname);
  }, [gifts, nickname]);
  if (wallet.detail.status === 'error' && !card)
    return (
      <StateView
        status="error"
        message={errorMessage(wallet.detail.errorCode)}
        onRetry={() => void wallet.loadCard(cardId)}
      />
    );
  if (!card || gifts.card?._id !== card._id) return <StateView status="loading" />;
  if (card.transfersLeft === 0)
    return (
      <StateView
        status="empty"
        message={errorMessage('TRANSFER_LIMIT')}
        onRetry={() => navigate.back()}
        actionText={s.backToCard}
      />
    );
  const faces = catalog.brand.data?.products.find((p) => p._id === card.productId)?.faces ?? [card.face];
  const face = faces.find((f) => f.id === gifts.faceId) ?? card.face;
  const max = formatPrice(card.balance);
  const submit = async (): Promise<void> => {
    // Asked before any await: WeChat opens its subscribe dialog only within the tap.
    const sent = await gifts.send(consent.ask(gifts.opensAt === null ? 'sendGift' : 'sendSealedGift'));
    if (sent) navigate.share(sent.gift._id);
  };
  return (
    <View className="page gift">
      {fromOrder && (
        <View className="gift__step-head" data-testid="send-step">
          <Text className="gift__step-title">{giftingStrings.gifting.sendStepTitle}</Text>
          <Text className="muted">{giftingStrings.gifting.sendStepHint}</Text>
        </View>
      )}
      <CardFace
        image={face.image}
        brandName={`${card.brandName} · ${card.productName}`}
        balance={card.balance}
        message={{ blessing: gifts.blessing, from: gifts.senderName }}
      />

      <View className="panel">
        <Text className="gift__label">{s.mode}</Text>
        <View>
          {(['single', 'group'] as const).map((m) => (
            <Chip key={m} active={gifts.mode === m} onPress={() => gifts.setMode(m)} testId={`gift-mode-${m}`}>
              {s[m]}
            </Chip>
          ))}
        </View>

        <Text className="gift__label">{s.amount}</Text>
        {gifts.mode === 'single' && (
          <View>
            {([true, false] as const).map((w) => (
              <Chip
                key={String(w)}
                active={gifts.whole === w}
                onPress={() => gifts.setWhole(w)}
                testId={w ? 'gift-whole' : 'gift-part'}
              >
                {w ? `${s.whole} ${max}` : s.part}
              </Chip>
            ))}
          </View>
        )}
        {!gifts.whole && (
          <View>
            <Input
              className="field"
              type="digit"
              placeholder={s.amountPlaceholder(max)}
              value={gifts.amountText}
              onInput={(e) => gifts.setAmountText(e.detail.value)}
              data-testid="gift-amount"
            />
            {gifts.amountInvalid && <Text className="error-text">{s.amountInvalid(max)}</Text>}
          </View>
        )}

        {gifts.mode === 'group' && (
          <View>
            <View className="gift__row">
              <Text className="gift__label">
                {s.shares} <Text className="muted">{s.sharesHint(GIFT_RULES.minShares, GIFT_RULES.maxShares)}</Text>
              </Text>
              <Stepper
                value={gifts.shares}
                max={GIFT_RULES.maxShares}
                onChange={(n) => gifts.setShares(n)}
                testId="gift-shares"
              />
            </View>
            <View>
              {(['random', 'equal'] as const).map((m) => (
                <Chip key={m} active={gifts.shareMode === m} onPress={() => gifts.setShareMode(m)}>
                  {s.shareMode[m]}
                </Chip>
              ))}
            </View>
          </View>
        )}
      </View>

      <View className="panel">
        {faces.length > 1 && (
          <View>
            <Text className="gift__label">{s.face}</Text>
            <FacePicker faces={faces} selected={gifts.faceId} onSelect={(id) => gifts.setFace(id)} />
          </View>
        )}
        <Text className="gift__label">{s.blessing}</Text>
        <Textarea
          className="field gift__blessing"
          value={gifts.blessing}
          maxlength={GIFT_LIMITS.blessingMax}
          placeholder={s.blessingPlaceholder}
          onInput={(e) => gifts.setBlessing(e.detail.value)}
          data-testid="gift-blessing"
        />
        <Text className="gift__label">{s.senderName}</Text>
        <Input
          className="field"
          value={gifts.senderName}
          maxlength={GIFT_LIMITS.nameMax}
          placeholder={s.senderNamePlaceholder}
          onInput={(e) => gifts.setSenderName(e.detail.value)}
          data-testid="gift-sender-name"
        />
        <SealPicker />
      </View>

      <View className="action-bar gift__bar">
        {/* At the button, where the eye is: below the form it went unseen. */}
        {gifts.action.errorCode && (
          <Text className="error-text gift__error" data-testid="gift-error">
            {errorMessage(gifts.action.errorCode)}
          </Text>
        )}
        <View className="gift__total">
          <Text className="muted">{s.amount}</Text>
          <Text className="gift__price">{gifts.amount === undefined ? '—' : formatPrice(gifts.amount)}</Text>
        </View>
        <ActionButton disabled={!gifts.canSend} onPress={submit} testId="gift-send">
          {gifts.action.busy ? s.sending : s.send}
        </ActionButton>
      </View>
      <Consent />
    </View>
  );
}

export default observer(GiftPage);
