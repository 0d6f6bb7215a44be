/**
 * The opening moment: a claimable gift first shows as a closed envelope with the sender's avatar
 * (their profile's, or the first character of their name) and name; one
 * tap on 開 opens it (the page then reveals the card with a short animation, none when the system
 * asks for reduced motion) and one more claims it.
 */
import { View, Text } from '@tarojs/components';
import { Avatar } from '../../components/avatar';
import type { GiftLandingView } from '../../contracts/gifts';
import { strings } from '../../strings/zh-CN';
import { giftingStrings } from '../../strings/zh-CN.gifting';
import './envelope.scss';

export function Envelope({ gift, onOpen }: { gift: GiftLandingView; onOpen: () => void }) {
  return (
    <View className="envelope" data-testid="claim-envelope">
      <Avatar className="envelope__avatar" avatar={gift.senderAvatar} name={gift.senderName} />
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
