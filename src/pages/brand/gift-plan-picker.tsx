/** 送朋友 in the buy sheet: one friend or a group gift (shares, equal or random), used after paying. */
import { View, Text } from '@tarojs/components';
import { observer } from 'mobx-react-lite';
import { GIFT_RULES } from '../../domain/gift';
import { useStores } from '../../stores';
import { strings } from '../../strings/zh-CN';
import { Stepper } from './stepper';

const g = strings.gift;

function Picker() {
  const { purchase } = useStores();
  return (
    <View data-testid="gift-plan">
      <View className="buy-sheet__row">
        <Text className="buy-sheet__label">{strings.gifting.planMode}</Text>
        <View>
          {(['single', 'group'] as const).map((m) => (
            <Text
              key={m}
              className={`chip${purchase.giftMode === m ? ' chip--active' : ''}`}
              onClick={() => purchase.setGiftMode(m)}
              data-testid={`plan-mode-${m}`}
            >
              {g[m]}
            </Text>
          ))}
        </View>
      </View>
      {purchase.giftMode === 'group' && (
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
      )}
      {purchase.giftMode === 'group' && (
        <View>
          {(['random', 'equal'] as const).map((m) => (
            <Text
              key={m}
              className={`chip${purchase.shareMode === m ? ' chip--active' : ''}`}
              onClick={() => purchase.setShareMode(m)}
              data-testid={`plan-share-${m}`}
            >
              {g.shareMode[m]}
            </Text>
          ))}
        </View>
      )}
      <Text className="muted">{strings.gifting.planHint}</Text>
    </View>
  );
}

export const GiftPlanPicker = observer(Picker);
