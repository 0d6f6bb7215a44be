/**
 * A sealed gift before its opening: an envelope with the sender's name, the opening time and a
 * countdown (the amount and the blessing stay inside until then), and 开启时提醒我 — asked for a
 * message within the tap, as WeChat requires — for a friend who is signed in.
 */
import { View, Text } from '@tarojs/components';
import { observer } from 'mobx-react-lite';
import { ActionButton } from '../../components/action-button';
import { chinaTime } from '../../components/china-time';
import type { GiftLandingView } from '../../contracts/gifts';
import { useStores } from '../../stores';
import { useGifts } from '../../stores/page-stores';
import { errorMessage, strings } from '../../strings/zh-CN';
import { giftingStrings } from '../../strings/zh-CN.gifting';
import { whenSignedIn } from '../use-signed-in';
import './sealed-card.scss';

const t = giftingStrings.gifting;

function Sealed({ gift, left }: { gift: GiftLandingView; left: number }) {
  const { session, consent } = useStores();
  const gifts = useGifts();
  const reminded = gifts.remindedToken !== '' && gifts.remindedToken === gifts.landingToken;
  const remind = (): void =>
    whenSignedIn(session.signedIn, () => {
      // Asked before any await: WeChat opens its subscribe dialog only within the tap.
      void gifts.remind(consent.ask('remindOpening'));
    });
  return (
    <View className="sealed" data-testid="claim-sealed">
      <View className="sealed__envelope">
        <Text className="sealed__from">{strings.claim.sentYou(gift.senderName)}</Text>
        <View className="sealed__seal">
          <Text>{t.sealedBadge}</Text>
        </View>
        <Text className="sealed__when">{t.opensAt(chinaTime(gift.opensAt ?? 0, 'M月D日 HH:mm'))}</Text>
        <Text className="sealed__countdown" data-testid="claim-countdown">
          {t.countdown(t.days(left))}
        </Text>
      </View>
      <View className="panel">
        <Text className="muted">{t.sealedTitle}</Text>
        {gift.mine.isSender ? null : reminded ? (
          <Text className="sealed__reminded" data-testid="claim-reminded">
            {t.reminded}
          </Text>
        ) : (
          <ActionButton className="claim__button" disabled={gifts.action.busy} onPress={remind} testId="claim-remind">
            {t.remind}
          </ActionButton>
        )}
        {gifts.action.errorCode && <Text className="error-text">{errorMessage(gifts.action.errorCode)}</Text>}
      </View>
    </View>
  );
}

export const SealedCard = observer(Sealed);
