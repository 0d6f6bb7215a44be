/**
 * After claiming: one thank-you back to the sender — a suggested line or one typed under the
 * blessing's rules, and a sticker of the fixed set — or, once sent, what was sent.
 */
import { View, Text } from '@tarojs/components';
import { observer } from 'mobx-react-lite';
import { ActionButton } from '../../components/action-button';
import { Textarea } from '../../components/textarea';
import { ThanksNote } from '../../components/thanks-note';
import { GIFT_LIMITS, type ThanksView } from '../../contracts/gifts';
import { THANKS_STICKERS } from '../../domain/thanks';
import { useGifts } from '../../stores/page-stores';
import { errorMessage } from '../../strings/zh-CN';
import { giftingStrings } from '../../strings/zh-CN.gifting';
import { Chip } from '../../components/chip';

const t = giftingStrings.gifting;

function Form({ sent }: { sent: ThanksView | null }) {
  const gifts = useGifts();
  if (sent)
    return (
      <View className="panel" data-testid="thanks-sent">
        <Text className="claim__label">{t.thanksSent}</Text>
        <ThanksNote thanks={sent} />
      </View>
    );
  return (
    <View className="panel claim__thanks" data-testid="thanks-form">
      <Text className="claim__label">{t.thanksTitle}</Text>
      <View>
        {t.thanksSuggestions.map((line) => (
          <Chip
            key={line}
            active={gifts.thanksText === line}
            onPress={() => gifts.setThanksText(line)}
            testId="thanks-suggestion"
          >
            {line}
          </Chip>
        ))}
      </View>
      <Textarea
        className="field claim__thanks-text"
        value={gifts.thanksText}
        maxlength={GIFT_LIMITS.blessingMax}
        placeholder={t.thanksPlaceholder}
        onInput={(e) => gifts.setThanksText(e.detail.value)}
        data-testid="thanks-text"
      />
      <Text className="claim__label">{t.thanksSticker}</Text>
      <View className="claim__stickers">
        {THANKS_STICKERS.map((id) => (
          <Text
            key={id}
            className={`claim__sticker${gifts.thanksSticker === id ? ' claim__sticker--active' : ''}`}
            onClick={() => gifts.setThanksSticker(id)}
            aria-label={t.stickers[id].name}
            data-testid={`sticker-${id}`}
          >
            {t.stickers[id].glyph}
          </Text>
        ))}
      </View>
      {gifts.thanksAction.errorCode && (
        <Text className="error-text" data-testid="thanks-error">
          {errorMessage(gifts.thanksAction.errorCode)}
        </Text>
      )}
      <ActionButton
        disabled={gifts.thanksAction.busy || gifts.thanksText.trim() === ''}
        onPress={() => void gifts.sendThanks()}
        testId="thanks-send"
      >
        {gifts.thanksAction.busy ? t.thanksSending : t.thanksSend}
      </ActionButton>
    </View>
  );
}

export const ThanksForm = observer(Form);
