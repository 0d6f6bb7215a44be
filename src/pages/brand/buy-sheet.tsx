/** The buy sheet of the brand page: face, amount, quantity, blessing, self or gift, and the total. */
import { View, Text } from '@tarojs/components';
import { Input } from '../../components/input';
import { Textarea } from '../../components/textarea';
import { observer } from 'mobx-react-lite';
import { ActionButton } from '../../components/action-button';
import { formatPrice, minFen } from '../../domain/money';
import { KIND_CAP } from '../../domain/catalog';
import { PURCHASE_RULES } from '../../domain/rules';
import { ORDER_LIMITS } from '../../contracts/orders';
import { FacePicker } from '../../components/face-picker';
import { Consent } from '../consent';
import { useStores } from '../../stores';
import { errorMessage, strings } from '../../strings/zh-CN';
import { startPayment } from '../pay-flow';
import { PrivacyGate } from '../privacy-gate';
import { GiftPlanPicker } from './gift-plan-picker';
import { Stepper } from '../../components/stepper';
import { Chip } from '../../components/chip';
import './buy-sheet.scss';

const s = strings.buy;

function BuySheet({ onClose }: { onClose: () => void }) {
  const { purchase, orders, privacy, consent } = useStores();
  const p = purchase.product;
  if (!p) return null;
  const range = p.customAmount;
  const min = range ? formatPrice(range.min) : '';
  const max = range ? formatPrice(minFen(range.max, KIND_CAP[p.kind])) : '';
  const submit = async (): Promise<void> => {
    // Asked before any await: WeChat opens its subscribe dialog only within the tap.
    const created = await purchase.submit(consent.ask('buy'));
    if (created) {
      onClose();
      await startPayment(orders, created.order, created.payment);
    }
  };
  return (
    <View className="sheet buy-sheet" data-testid="buy-sheet">
      <View className="sheet__mask" onClick={onClose} />
      <View className="sheet__panel buy-sheet__panel">
        <View className="buy-sheet__head">
          <Text className="buy-sheet__title">{s.title}</Text>
          <Text className="buy-sheet__close" onClick={onClose}>
            {s.close}
          </Text>
        </View>
        <View className="buy-sheet__body">
          <Text className="buy-sheet__label">{s.face}</Text>
          <FacePicker faces={p.faces} selected={purchase.faceId} onSelect={(id) => purchase.selectFace(id)} />

          <Text className="buy-sheet__label">{s.amount}</Text>
          <View>
            {p.denominations.map((d) => (
              <Chip key={d} active={purchase.denomination === d} onPress={() => purchase.chooseDenomination(d)}>
                {formatPrice(d)}
              </Chip>
            ))}
          </View>
          {range && (
            <View>
              <Input
                className={`field${purchase.denomination === null && purchase.customYuan ? ' buy-sheet__custom--active' : ''}`}
                type="digit"
                placeholder={s.customPlaceholder(min, max)}
                value={purchase.customYuan}
                onInput={(e) => purchase.setCustomYuan(e.detail.value)}
                data-testid="custom-amount"
              />
              {purchase.customProblem && (
                <Text className="error-text">
                  {purchase.customProblem === 'format' ? strings.amountFormat : s.customInvalid(min, max)}
                </Text>
              )}
            </View>
          )}
          {p.bonus && purchase.amount !== undefined && purchase.amount >= p.bonus.minAmount && (
            <Text className="buy-sheet__bonus">{s.bonus(formatPrice(p.bonus.amount))}</Text>
          )}

          <View className="buy-sheet__row">
            <Text className="buy-sheet__label">{s.quantity}</Text>
            <Stepper
              value={purchase.quantity}
              max={PURCHASE_RULES.maxQuantity}
              onChange={(n) => purchase.setQuantity(n)}
              testId="quantity"
            />
          </View>

          <Text className="buy-sheet__label">{s.blessing}</Text>
          <Textarea
            className="field buy-sheet__blessing"
            value={purchase.blessing}
            maxlength={ORDER_LIMITS.blessingMax}
            placeholder={s.blessingPlaceholder}
            onInput={(e) => purchase.setBlessing(e.detail.value)}
            data-testid="blessing"
          />

          <View className="buy-sheet__row">
            <Text className="buy-sheet__label">{s.purpose}</Text>
            <View>
              {(['self', 'gift'] as const).map((k) => (
                <Chip key={k} active={purchase.purpose === k} onPress={() => purchase.setPurpose(k)}>
                  {s[k]}
                </Chip>
              ))}
            </View>
          </View>
          {purchase.purpose === 'gift' && <GiftPlanPicker />}

          {purchase.needsRealName && (
            <View className="buy-sheet__realname">
              <Text className="buy-sheet__label">{s.realNameTitle}</Text>
              <Input
                className="field"
                placeholder={s.realNameName}
                value={purchase.realName.name}
                onInput={(e) => purchase.setRealName('name', e.detail.value)}
              />
              {/* An ID number is personal data the privacy guide declares: asked for before it is typed. */}
              <Input
                className="field"
                placeholder={s.realNameId}
                maxlength={18}
                disabled={privacy.personalData === 'refused'}
                value={purchase.realName.idNumber}
                onFocus={() => void privacy.allowPersonalData()}
                onInput={(e) => purchase.setRealName('idNumber', e.detail.value)}
              />
              {privacy.personalData === 'refused' && (
                <Text className="error-text" onClick={() => void privacy.allowPersonalData()} data-testid="id-consent">
                  {strings.privacy.idNeedsConsent}
                </Text>
              )}
            </View>
          )}
          <PrivacyGate />
          {purchase.errorCode && <Text className="error-text">{errorMessage(purchase.errorCode)}</Text>}
        </View>
        <View className="buy-sheet__foot">
          <View className="buy-sheet__total">
            <Text className="muted">{s.total}</Text>
            <Text className="buy-sheet__price" data-testid="total">
              {formatPrice(purchase.total)}
            </Text>
          </View>
          <ActionButton disabled={!purchase.canSubmit} onPress={submit} testId="pay">
            {purchase.submitting ? s.paying : s.pay}
          </ActionButton>
        </View>
      </View>
      <Consent />
    </View>
  );
}

export default observer(BuySheet);
