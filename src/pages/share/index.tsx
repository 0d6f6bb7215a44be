/**
 * Sharing a gift: on weapp the share card (its path carries the claim token, never the card code),
 * on H5 the link to copy, and a QR code for both; the gift's state, and cancelling while unclaimed.
 */
import { useEffect, useState } from 'react';
import { View, Text, Image } from '@tarojs/components';
import { Button } from '../../components/button';
import Taro, { useRouter, useShareAppMessage } from '@tarojs/taro';
import { observer } from 'mobx-react-lite';
import { CardFace } from '../../components/card-face';
import { chinaTime } from '../../components/china-time';
import { QrCode } from '../../components/qr-code';
import { StateView } from '../../components/state-view';
import { ThanksNote } from '../../components/thanks-note';
import { formatPrice } from '../../domain/money';
import { shareImageFor } from '../../services/share-image';
import { useStores } from '../../stores';
import { useGifts } from '../../stores/page-stores';
import { errorMessage, strings } from '../../strings/zh-CN';
import { giftingStrings } from '../../strings/zh-CN.gifting';
import { cardStrings } from '../../strings/zh-CN.card';
import { claimLink } from '../claim-link';
import { PrivacyGate } from '../privacy-gate';
import { claimPath, navigate } from '../routes';
import './index.scss';

const s = strings.gift;

function SharePage() {
  const { privacy } = useStores();
  const gifts = useGifts();
  const { giftId = '' } = useRouter().params;
  const current = gifts.current?.gift._id === giftId ? gifts.current : undefined;
  useEffect(() => {
    if (!current) void gifts.loadSent().then(() => gifts.pick(giftId));
  }, [gifts, giftId, current]);
  // Made ahead: the share handler must answer at once, and WeChat takes a file, never a data: URI.
  const faceImage = current?.gift.face.image ?? '';
  const blessing = current?.gift.blessing ?? '';
  const from = current?.gift.senderName ?? '';
  const [shareImage, setShareImage] = useState<string>();
  useEffect(() => {
    let live = true;
    void shareImageFor(faceImage, { blessing, from }).then((url) => live && setShareImage(url));
    return () => {
      live = false;
    };
  }, [faceImage, blessing, from]);
  const codeFor =
    current && (current.gift.state === 'open' || current.gift.state === 'partlyClaimed') ? current.gift._id : '';
  useEffect(() => {
    if (!codeFor) return;
    void gifts.loadCode(codeFor);
    // In WeChat the card shared from here is the gift's: updatable, and private for a single gift.
    void gifts.prepareChatCard();
  }, [gifts, codeFor]);
  useShareAppMessage(() => ({
    title: s.shareMessage(gifts.senderName),
    path: current ? claimPath(current.token) : '/pages/home/index',
    imageUrl: shareImage,
  }));
  if (!current) {
    if (gifts.sent.status === 'error')
      return (
        <StateView status="error" message={errorMessage(gifts.sent.errorCode)} onRetry={() => void gifts.loadSent()} />
      );
    if (gifts.sent.status === 'ready' || gifts.sent.status === 'empty')
      return <StateView status="empty" message={errorMessage('NOT_FOUND')} onRetry={() => navigate.gifts()} />;
    return <StateView status="loading" />;
  }
  const { gift, token } = current;
  const link = claimLink(token);
  const open = gift.state === 'open' || gift.state === 'partlyClaimed';
  // The clipboard is a privacy API: WeChat may ask first, through the privacy sheet below.
  const copy = async (): Promise<void> => {
    const copied = await privacy.copy(link);
    await Taro.showToast({ title: copied ? s.copied : strings.privacy.copyRefused, icon: copied ? 'success' : 'none' });
  };
  const cancel = async (): Promise<void> => {
    const answer = await Taro.showModal({ title: s.cancelTitle, content: s.cancelBody, confirmColor: '#cc3a2d' });
    if (answer.confirm) await gifts.cancel(gift._id);
  };
  return (
    <View className="page share">
      <View className="share__head">
        <Text className="share__title">{open ? s.shareTitle : s.states[gift.state]}</Text>
        {open && <Text className="muted">{s.shareHint}</Text>}
      </View>
      <CardFace
        image={gift.face.image}
        brandName={`${gift.brandName} · ${gift.productName}`}
        balance={gift.amount}
        caption={gift.mode === 'group' ? s.progress(gift.claimedCount, gift.sharesTotal) : s.states[gift.state]}
        dimmed={!open}
        message={{ blessing: gift.blessing, from: gift.senderName }}
      />
      <View className="panel">
        <Text className="share__blessing">“{gift.blessing}”</Text>
        <View className="kv">
          <Text className="kv__label">{s.amount}</Text>
          <Text data-testid="share-amount">{formatPrice(gift.amount)}</Text>
        </View>
        <View className="kv">
          <Text className="kv__label">{s.stateLabel}</Text>
          <Text data-testid="share-state">{s.states[gift.state]}</Text>
        </View>
        <View className="kv">
          <Text className="kv__label">{giftingStrings.gifting.chatCard}</Text>
          <Text data-testid="share-card-state">
            {open ? giftingStrings.gifting.chatCardGoing(gift.claimedCount, gift.sharesTotal) : s.states[gift.state]}
          </Text>
        </View>
        {gift.chat?.private && <Text className="muted">{giftingStrings.gifting.chatCardPrivate}</Text>}
        {open && gift.opensAt !== undefined && (
          <View className="kv">
            <Text className="kv__label">{giftingStrings.gifting.sealTitle}</Text>
            <Text data-testid="share-opens">{chinaTime(gift.opensAt)}</Text>
          </View>
        )}
        {open && (
          <View className="kv">
            <Text className="kv__label">{cardStrings.card.expires}</Text>
            <Text>{chinaTime(gift.expiresAt)}</Text>
          </View>
        )}
        {gift.claims.map((c) => (
          <Text key={`${c.name}-${c.at}`} className="muted share__claim">
            {s.claimedBy(c.name, chinaTime(c.at))} · {formatPrice(c.amount)}
          </Text>
        ))}
      </View>
      {gift.thanks.length > 0 && (
        <View className="panel" data-testid="share-thanks">
          {gift.thanks.map((t) => (
            <ThanksNote key={`${t.name}-${t.at}`} thanks={t} />
          ))}
        </View>
      )}
      {open && (
        <View className="panel share__qr">
          {gifts.code.data && (
            <>
              <Image
                className="share__wxacode"
                src={gifts.code.data.image}
                mode="aspectFit"
                data-testid="share-wxacode"
              />
              <Text className="muted">{s.wxacodeHint}</Text>
            </>
          )}
          <QrCode text={link} />
          <Text className="muted">{s.qrHint}</Text>
          <Text className="share__link" data-testid="share-link" selectable userSelect>
            {link}
          </Text>
        </View>
      )}
      {gifts.action.errorCode && <Text className="error-text">{errorMessage(gifts.action.errorCode)}</Text>}
      <View className="action-bar">
        {gift.state === 'open' && (
          <Text className="btn btn--ghost" onClick={() => void cancel()} data-testid="gift-cancel">
            {s.cancel}
          </Text>
        )}
        {open && process.env.TARO_ENV === 'weapp' ? (
          <Button className="btn share__button" openType="share">
            {s.shareToChat}
          </Button>
        ) : open ? (
          <Text className="btn" onClick={() => void copy()} data-testid="copy-link">
            {s.copyLink}
          </Text>
        ) : (
          <Text className="btn" onClick={() => navigate.gifts()}>
            {s.toGifts}
          </Text>
        )}
      </View>
      <PrivacyGate />
    </View>
  );
}

export default observer(SharePage);
