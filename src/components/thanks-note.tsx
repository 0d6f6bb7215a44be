/** A claimer's thank-you as the sender reads it: the sticker, who, and their line. */
import { View, Text } from '@tarojs/components';
import type { ThanksView } from '../contracts/gifts';
import { giftingStrings } from '../strings/zh-CN.gifting';
import './thanks-note.scss';

export function ThanksNote({ thanks, compact = false }: { thanks: ThanksView; compact?: boolean }) {
  const sticker = giftingStrings.gifting.stickers[thanks.sticker];
  return (
    <View className={`thanks-note${compact ? ' thanks-note--compact' : ''}`} data-testid="thanks-note">
      <Text className="thanks-note__sticker" aria-label={sticker.name}>
        {sticker.glyph}
      </Text>
      <View className="thanks-note__body">
        <Text className="thanks-note__who">{giftingStrings.gifting.thanksFrom(thanks.name)}</Text>
        <Text className="thanks-note__text">{thanks.text}</Text>
      </View>
    </View>
  );
}
