/**
 * A scanned card: its face, last four, balance and validity, and the amount to take with quick choices;
 * for a split code also its cards' total and what WeChat Pay would be asked for.
 */
import { View, Text, Image } from '@tarojs/components';
import { Input } from '../../../components/input';
import type { ScannedCardView } from '../../../contracts/merchant';
import { chinaTime } from '../../../components/china-time';
import { maskCode } from '../../../domain/codes';
import { fen, formatPrice, formatYuan, yuanToFen, type Fen } from '../../../domain/money';
import { strings } from '../../../strings/zh-CN';
import { merchantStrings } from '../../../strings/zh-CN.merchant';
import { ActionButton } from '../../../components/action-button';

const m = strings.merchant;
const ms = merchantStrings.split;

/** Round amounts a till offers in one tap, when the card holds them. */
const QUICK_AMOUNTS = [yuanToFen(20), yuanToFen(50), yuanToFen(100)];

export interface AmountStepProps {
  card: ScannedCardView;
  codeSecondsLeft: number;
  amountText: string;
  problem?: string;
  note?: string;
  /** A split code's bill beyond its cards, for WeChat Pay. */
  remainder?: Fen;
  error?: string;
  busy: boolean;
  canRedeem: boolean;
  onAmount: (text: string) => void;
  onChoose: (amount: Fen) => void;
  onRedeem: () => void;
  onRescan: () => void;
}

export function AmountStep(p: AmountStepProps) {
  const { card } = p;
  // A split code may take its cards' total and WeChat Pay's part after it.
  const cards = card.split?.balance ?? card.balance;
  const most = card.split ? card.split.balance + card.split.maxWechatPay : card.balance;
  const quick = QUICK_AMOUNTS.filter((a) => a < most && a !== cards);
  return (
    <View>
      <View className="panel amount-step__card" data-testid="clerk-card">
        <Image className="amount-step__face" src={card.face.image} mode="aspectFill" />
        <View className="amount-step__who">
          <Text className="amount-step__brand">
            {card.brandName} · {card.productName}
          </Text>
          <Text className="amount-step__code">{maskCode(card.last4)}</Text>
        </View>
      </View>
      <View className="panel">
        <View className="kv">
          <Text className="kv__label">{m.balance}</Text>
          <Text className="amount-step__balance" data-testid="clerk-balance">
            {formatPrice(card.balance)}
          </Text>
        </View>
        {card.split && card.split.cards > 1 && (
          <View className="kv" data-testid="clerk-split-cards">
            <Text className="kv__label">{ms.cards}</Text>
            <Text>{ms.cardsValue(card.split.cards, formatPrice(card.split.balance))}</Text>
          </View>
        )}
        <View className="kv">
          <Text className="kv__label">{m.validity}</Text>
          <Text>{card.expiresAt === null ? m.neverExpires : chinaTime(card.expiresAt, 'YYYY-MM-DD')}</Text>
        </View>
        <Text className={`amount-step__valid${p.codeSecondsLeft === 0 ? ' amount-step__valid--over' : ''}`}>
          {p.codeSecondsLeft > 0 ? m.codeValid(p.codeSecondsLeft) : m.codeExpired}
        </Text>
      </View>
      <View className="panel">
        <Text className="panel__title">{m.amount}</Text>
        <View className="amount-step__input">
          <Text className="amount-step__yuan">¥</Text>
          <Input
            className="amount-step__field"
            type="digit"
            value={p.amountText}
            // The field has its ¥ already: the most, as a number.
            placeholder={m.amountPlaceholder(formatYuan(fen(most)))}
            onInput={(e) => p.onAmount(e.detail.value)}
            data-testid="clerk-amount"
          />
        </View>
        <View className="amount-step__chips">
          {quick.map((a) => (
            <Text key={a} className="chip" onClick={() => p.onChoose(a)}>
              {formatPrice(a)}
            </Text>
          ))}
          <Text className="chip" onClick={() => p.onChoose(cards)} data-testid="clerk-amount-all">
            {m.amountAll(formatPrice(cards))}
          </Text>
        </View>
        {p.problem && (
          <Text className="error-text" data-testid="clerk-amount-problem">
            {p.problem}
          </Text>
        )}
        {p.note && (
          <Text className="muted" data-testid="clerk-note">
            {p.note}
          </Text>
        )}
        {card.split && card.split.maxWechatPay > 0 && (
          <Text className="muted" data-testid="clerk-split-note">
            {p.remainder !== undefined
              ? ms.remainderNote(formatPrice(p.remainder))
              : ms.wechatNote(formatPrice(card.split.maxWechatPay))}
          </Text>
        )}
      </View>
      {p.error && (
        <Text className="error-text amount-step__error" data-testid="clerk-error">
          {p.error}
        </Text>
      )}
      <View className="action-bar">
        <Text className="btn btn--ghost" onClick={p.onRescan}>
          {m.rescan}
        </Text>
        <ActionButton disabled={!p.canRedeem} onPress={p.onRedeem} testId="clerk-redeem">
          {p.busy ? m.redeeming : m.redeem}
        </ActionButton>
      </View>
    </View>
  );
}
