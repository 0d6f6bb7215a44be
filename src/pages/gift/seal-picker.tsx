/**
 * 定时开启 on the send step: open at once, or sealed until a chosen China date and time (moved a day
 * or an hour at a time, within the days a gift may be sealed for); the claim window runs from then.
 */
import { View, Text } from '@tarojs/components';
import { observer } from 'mobx-react-lite';
import { chinaTime } from '../../components/china-time';
import { useGifts } from '../../stores/page-stores';
import { strings } from '../../strings/zh-CN';
import { giftingStrings } from '../../strings/zh-CN.gifting';
import { Chip } from '../../components/chip';

const t = giftingStrings.gifting;
/** The finer step of the opening time, in hours (the coarser one is a day). */
const STEP_HOURS = 1;

function Picker() {
  const gifts = useGifts();
  const at = gifts.opensAt;
  return (
    <View className="gift__seal" data-testid="seal-picker">
      <Text className="gift__label">{t.sealTitle}</Text>
      <View>
        {(['now', 'sealed'] as const).map((m) => (
          <Chip
            key={m}
            active={(at !== null) === (m === 'sealed')}
            onPress={() => gifts.setSealed(m === 'sealed')}
            testId={`seal-${m}`}
          >
            {t.sealModes[m]}
          </Chip>
        ))}
      </View>
      {at !== null && (
        <View className="gift__seal-when">
          <View className="gift__seal-row">
            <Text className="gift__seal-step" onClick={() => gifts.moveOpening(-24 * 60)}>
              {t.sealEarlier}
            </Text>
            <Text className="gift__seal-date" data-testid="seal-date">
              {chinaTime(at, 'YYYY-MM-DD')}
            </Text>
            <Text className="gift__seal-step" onClick={() => gifts.moveOpening(24 * 60)} data-testid="seal-later">
              {t.sealLater}
            </Text>
          </View>
          <View className="gift__seal-row">
            <Text className="gift__seal-step" onClick={() => gifts.moveOpening(-STEP_HOURS * 60)}>
              {t.sealHourStep(-STEP_HOURS)}
            </Text>
            <Text className="gift__seal-date" data-testid="seal-time">
              {chinaTime(at, 'HH:mm')}
            </Text>
            <Text className="gift__seal-step" onClick={() => gifts.moveOpening(STEP_HOURS * 60)}>
              {t.sealHourStep(STEP_HOURS)}
            </Text>
          </View>
        </View>
      )}
      <Text className="muted">{at === null ? strings.gift.windowNote : t.sealNote(chinaTime(at, 'M月D日 HH:mm'))}</Text>
    </View>
  );
}

export const SealPicker = observer(Picker);
