/** Bind a card bought offline by its card number and PIN. One message for every failure. */
import { useState } from 'react';
import { View, Text } from '@tarojs/components';
import { Input } from '../../components/input';
import Taro from '@tarojs/taro';
import { observer } from 'mobx-react-lite';
import { normalizeCode, CODE_LENGTH, PIN_LENGTH } from '../../domain/codes';
import { PURCHASE_RULES } from '../../domain/rules';
import { useStores } from '../../stores';
import { errorMessage } from '../../strings/zh-CN';
import { cardStrings } from '../../strings/zh-CN.card';
import { navigate } from '../routes';
import { ActionButton } from '../../components/action-button';
import './index.scss';

const s = cardStrings.bind;

function BindPage() {
  const { wallet } = useStores();
  const [cardNumber, setCardNumber] = useState('');
  const [pin, setPin] = useState('');
  const ready = normalizeCode(cardNumber).length === CODE_LENGTH && pin.length === PIN_LENGTH && !wallet.action.busy;
  const submit = async (): Promise<void> => {
    const done = await wallet.bind(cardNumber, pin);
    if (done) {
      void Taro.showToast({ title: s.success, icon: 'success' });
      navigate.card(done.card._id);
    }
  };
  return (
    <View className="page">
      <View className="panel">
        <Text className="panel__title">{s.title}</Text>
        <Text className="muted bind__hint">{s.hint}</Text>
        <Text className="kv__label bind__label">{s.cardNumber}</Text>
        <Input
          className="field"
          placeholder={s.cardNumberPlaceholder}
          maxlength={24}
          value={cardNumber}
          onInput={(e) => setCardNumber(e.detail.value)}
          data-testid="card-number"
        />
        <Text className="kv__label bind__label">{s.pin}</Text>
        <Input
          className="field"
          type="number"
          placeholder={s.pinPlaceholder}
          maxlength={PIN_LENGTH}
          value={pin}
          onInput={(e) => setPin(e.detail.value.replace(/\D/g, ''))}
          data-testid="pin"
        />
        {wallet.action.errorCode && (
          <Text className="error-text" data-testid="bind-error">
            {wallet.action.errorCode === 'RATE_LIMITED'
              ? s.tooManyTries(PURCHASE_RULES.bindWindowMs / 60_000)
              : errorMessage(wallet.action.errorCode)}
          </Text>
        )}
      </View>
      <View className="action-bar">
        <ActionButton disabled={!ready} onPress={submit} testId="bind-submit">
          {s.submit}
        </ActionButton>
      </View>
    </View>
  );
}

export default observer(BindPage);
