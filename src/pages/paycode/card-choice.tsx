/**
 * Which of my cards of this brand pay the next code, in the order they pay: the opened card always,
 * the others ticked or not (least balance first). The code is minted with this choice, so changing
 * it shows a fresh code.
 */
import { View, Text } from '@tarojs/components';
import { observer } from 'mobx-react-lite';
import { formatPrice } from '../../domain/money';
import type { SplitPayStore } from '../../stores/split-pay-store';
import { cardStrings } from '../../strings/zh-CN.card';
import './card-choice.scss';

const s = cardStrings.split;

function CardChoiceView({ split, onToggle }: { split: SplitPayStore; onToggle: (cardId: string) => void }) {
  if (split.candidates.length < 2) return null;
  return (
    <View className="card-choice" data-testid="pay-cards">
      <View className="card-choice__head">
        <Text className="card-choice__title">{s.cardsTitle}</Text>
        <Text className="card-choice__total">
          {s.chosenTotal(split.chosen.length, formatPrice(split.chosenBalance))}
        </Text>
      </View>
      {split.candidates.map((c, i) => {
        const on = split.isChosen(c._id);
        const locked = i === 0 || (!on && split.full);
        return (
          <View
            key={c._id}
            className={`card-choice__row${locked && i > 0 ? ' card-choice__row--locked' : ''}`}
            onClick={() => !locked && onToggle(c._id)}
            data-testid="pay-card"
            data-chosen={on ? 'yes' : 'no'}
          >
            <View className={`card-choice__tick${on ? ' card-choice__tick--on' : ''}`} />
            <Text className="card-choice__name">
              {i === 0 ? `${s.card(c.last4)} · ${s.openedCard}` : s.card(c.last4)}
            </Text>
            <Text className="card-choice__balance">{s.balance(formatPrice(c.balance))}</Text>
          </View>
        );
      })}
      <Text className="card-choice__hint">{split.full ? s.cardsFull : s.cardsHint}</Text>
    </View>
  );
}

export const CardChoice = observer(CardChoiceView);
