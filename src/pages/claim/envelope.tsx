/**
 * The opening moment: a claimable gift first shows as a closed envelope with the sender's name; one
 * tap on 開 opens it (the page then reveals the card with a short animation, none when the system
 * asks for reduced motion) and one more claims it.
 */
import { View, Text } from '@tarojs/components';
import type { GiftLandingView } from '../../contracts/gifts';
import { strings } from '../../strings/zh-CN';
import { giftingStrings } from '../../strings/zh-CN.gifting';
import './envelope.scss';

export function Envelope({ gift, onOpen }: { gift: GiftLandingView; onOpen: () => void }) {
  const initial = [...gift.senderName.trim()][0] ?? '礼';
  return (
    <View className="envelope" data-testid="claim-envelope">
      <View className="envelope__avatar" aria-hidden>
        <Text>{initial}</Text>
      </View>
      <Text className="envelope__from" data-testid="claim-from">
        {strings.claim.sentYou(gift.senderName)}
      </Text>
      <Text className="envelope__hint">{giftingStrings.gifting.openHint}</Text>
      <View className="envelope__open" onClick={onOpen} data-testid="claim-open">
        <Text>{giftingStrings.gifting.openEnvelope}</Text>
      </View>
    </View>
  );
}
