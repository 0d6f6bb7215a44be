/**
 * 批量制卡: issue card-number + PIN cards of one product (existing `issueBatch`). The list is shown
 * once with a CSV download; leaving the page forgets it, and nothing can show it again.
 */
import { View, Text } from '@tarojs/components';
import { Input } from '../../../components/input';
import Taro, { useRouter, useUnload } from '@tarojs/taro';
import { observer } from 'mobx-react-lite';
import { useState } from 'react';
import { ActionButton } from '../../../components/action-button';
import { StateView } from '../../../components/state-view';
import { formatPrice } from '../../../domain/money';
import { saveTextFile } from '../../../services/file-saver';
import { useStaffStores } from '../../stores';
import { useStores } from '../../../stores';
import { errorMessage, strings } from '../../../strings/zh-CN';
import { merchantStrings } from '../../../strings/zh-CN.merchant';
import { BrandPills } from '../../brand-pills';
import { PrivacyGate } from '../../../pages/privacy-gate';
import { useSignedIn } from '../../../pages/use-signed-in';
import { StaffGate } from '../../staff-gate';
import { Chip } from '../../../components/chip';
import '../../operator.scss';

const b = merchantStrings.operator.batch;

const Batch = observer(function Batch() {
  const { operator, batch } = useStaffStores();
  const { privacy } = useStores();
  const [productId, setProductId] = useState('');
  const [amount, setAmount] = useState('');
  const [count, setCount] = useState('10');
  const [saved, setSaved] = useState(false);
  // Leaving the page (back) unloads it: the numbers and PINs are gone for good.
  useUnload(() => batch.forget());
  const view = operator.products;
  if (view.status === 'error' && !view.data)
    return (
      <StateView status="error" message={errorMessage(view.errorCode)} onRetry={() => void operator.loadProducts()} />
    );
  if (!view.data) return <StateView status="loading" />;
  const products = view.data;
  // The only product is the one meant: chosen already.
  const chosen = productId || (products.length === 1 ? products[0]!._id : '');
  const cards = batch.cards;
  const copy = async (text: string) => {
    const done = await privacy.copy(text);
    await Taro.showToast({ title: done ? b.copied : strings.privacy.copyRefused, icon: done ? 'success' : 'none' });
  };
  const download = async () => {
    await saveTextFile(`cards-${chosen}-${cards?.length ?? 0}.csv`, batch.csv);
    setSaved(true);
  };
  if (cards)
    return (
      <View className="page">
        <Text className="op-warning" data-testid="batch-warning">
          {b.onceWarning}
        </Text>
        <View className="panel op-cards" data-testid="batch-cards">
          <Text className="panel__title">{b.result(cards.length)}</Text>
          {batch.facts && (
            <Text className="muted" data-testid="batch-what">
              {b.what(batch.facts.productName, formatPrice(batch.facts.amount))}
            </Text>
          )}
          <View className="op-cards__row op-cards__head">
            <Text>{b.csvHeader[0]}</Text>
            <Text>{b.csvHeader[1]}</Text>
            <Text />
          </View>
          {cards.map((c) => (
            <View key={c.cardNumber} className="op-cards__row" data-testid="batch-card">
              <Text className="op-cards__code">{c.cardNumber}</Text>
              <Text className="op-cards__code">{c.pin}</Text>
              <Text className="op-cards__copy" onClick={() => void copy(`${c.cardNumber} ${c.pin}`)}>
                {b.copy}
              </Text>
            </View>
          ))}
        </View>
        <View className="action-bar">
          <ActionButton onPress={download} testId="batch-download">
            {saved ? b.downloaded : b.download}
          </ActionButton>
        </View>
      </View>
    );
  return (
    <View className="page">
      <BrandPills onPick={(id) => void operator.loadProducts(id)} />
      <View className="panel">
        <Text className="op-label">{b.product}</Text>
        {products.length === 0 && <Text className="muted">{merchantStrings.operator.products.empty}</Text>}
        <View>
          {products.map((p) => (
            <Chip key={p._id} active={chosen === p._id} onPress={() => setProductId(p._id)} testId="batch-product">
              {p.name}
            </Chip>
          ))}
        </View>
        <Text className="op-label">{b.amount}</Text>
        <Input
          className="field"
          type="digit"
          value={amount}
          onInput={(e) => setAmount(e.detail.value)}
          data-testid="batch-amount"
        />
        <Text className="op-label">{b.count}</Text>
        <Input
          className="field"
          type="number"
          value={count}
          maxlength={3}
          onInput={(e) => setCount(e.detail.value)}
          data-testid="batch-count"
        />
        {batch.action.errorCode && (
          <Text className="error-text" data-testid="batch-error">
            {batch.action.errorCode === 'INVALID_ARGUMENT' ? b.bad : errorMessage(batch.action.errorCode)}
          </Text>
        )}
      </View>
      <View className="action-bar op-bar">
        {/* A button that can't be pressed says why. */}
        {!chosen && products.length > 0 && (
          <Text className="muted op-bar__why" data-testid="batch-why">
            {b.pickProduct}
          </Text>
        )}
        <ActionButton
          disabled={batch.action.busy || !chosen}
          onPress={async () => {
            setSaved(false);
            await batch.issue(chosen, amount, count);
          }}
          testId="batch-issue"
        >
          {batch.action.busy ? b.issuing : b.issue}
        </ActionButton>
      </View>
    </View>
  );
});

export default function BatchPage() {
  const { brandId = '' } = useRouter().params;
  const { operator } = useStaffStores();
  // Here, outside the gate: content it mounts later would miss the page's first show.
  useSignedIn(() => void operator.loadProducts(brandId || operator.brandId));
  return (
    <StaffGate>
      <Batch />
      {/* Where a file can't be shared, the CSV goes to the clipboard: a privacy API. */}
      <PrivacyGate />
    </StaffGate>
  );
}
