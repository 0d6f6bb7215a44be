/**
 * 送朋友 in the buy sheet: one friend or a group gift (shares, equal or random), used after paying, and
 * the card as the friend will see it (the chosen face with the blessing and the sender's name).
 */
import { View, Text } from '@tarojs/components';
import { observer } from 'mobx-react-lite';
import { GIFT_RULES } from '../../domain/gift';
import { useStores } from '../../stores';
import { strings } from '../../strings/zh-CN';
import { giftingStrings } from '../../strings/zh-CN.gifting';
import { Stepper } from '../../components/stepper';
import { Chip } from '../../components/chip';
import { CardFace } from '../../components/card-face';
import { useProfile } from '../../stores/page-stores';

const g = strings.gift;

function Picker() {
  const { purchase, session } = useStores();
  const profile = useProfile();
  const face = purchase.product?.faces.find((f) => f.id === purchase.faceId);
  return (
    <View data-testid="gift-plan">
      <View className="buy-sheet__row">
        <Text className="buy-sheet__label">{giftingStrings.gifting.planMode}</Text>
        <View>
          {(['single', 'group'] as const).map((m) => (
            <Chip
              key={m}
              active={purchase.giftMode === m}
              onPress={() => purchase.setGiftMode(m)}
              testId={`plan-mode-${m}`}
            >
              {g[m]}
            </Chip>
          ))}
        </View>
      </View>
      {purchase.giftMode === 'group' && (
        <>
          <View className="buy-sheet__row">
            <Text className="buy-sheet__label">
              {g.shares} <Text className="muted">{g.sharesHint(GIFT_RULES.minShares, GIFT_RULES.maxShares)}</Text>
            </Text>
            <Stepper
              value={purchase.shares}
              max={GIFT_RULES.maxShares}
              onChange={(n) => purchase.setShares(n)}
              testId="plan-shares"
              moreTestId="plan-shares-more"
            />
          </View>
          <View>
            {(['random', 'equal'] as const).map((m) => (
              <Chip
                key={m}
                active={purchase.shareMode === m}
                onPress={() => purchase.setShareMode(m)}
                testId={`plan-share-${m}`}
              >
                {g.shareMode[m]}
              </Chip>
            ))}
          </View>
        </>
      )}
      <Text className="muted">{giftingStrings.gifting.planHint}</Text>
      {face && purchase.product && (
        // The card as the friend will open it: this face, these words, the name the gift will carry.
        <View className="buy-sheet__preview" data-testid="gift-preview">
          <Text className="buy-sheet__label">{giftingStrings.gifting.previewTitle}</Text>
          <CardFace
            image={face.image}
            brandName={`${purchase.product.brandName} · ${purchase.product.name}`}
            message={{
              blessing: purchase.blessing,
              from: profile.nickname || session.session?.user.nickname || '',
            }}
          />
        </View>
      )}
    </View>
  );
}

export const GiftPlanPicker = observer(Picker);
