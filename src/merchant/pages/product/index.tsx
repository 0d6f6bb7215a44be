/** The product editor: every term of a card product, its faces with a live preview, then save. */
import { View, Text } from '@tarojs/components';
import { Input } from '../../../components/input';
import { Textarea } from '../../../components/textarea';
import { useRouter } from '@tarojs/taro';
import { useEffect } from 'react';
import { observer } from 'mobx-react-lite';
// Before the shared components: the card face's styles come ahead of NutUI's in every chunk.
import { FaceEditor } from './face-editor';
import { ActionButton } from '../../../components/action-button';
import { StateView } from '../../../components/state-view';
import type { CardKind, ValidityRule } from '../../../domain/catalog';
import { formatPrice } from '../../../domain/money';
import { PRODUCT_LIMITS } from '../../../domain/product-rules';
import { navigate } from '../../../pages/routes';
import { useStaffStores } from '../../stores';
import type { EditorDraft } from '../../../stores/product-draft';
import { errorMessage } from '../../../strings/zh-CN';
import { merchantStrings } from '../../../strings/zh-CN.merchant';
import { StaffGate } from '../../staff-gate';
import { Chip } from '../../../components/chip';
import '../../operator.scss';

const e = merchantStrings.operator.editor;

const Problem = observer(function Problem({ field }: { field: string }) {
  const { operator } = useStaffStores();
  const text = operator.issueFor(field);
  return text ? <Text className="error-text">{text}</Text> : null;
});

function Toggle({
  on,
  label,
  onChange,
  testId,
}: {
  on: boolean;
  label: string;
  onChange: (v: boolean) => void;
  testId: string;
}) {
  return (
    <View className="kv" onClick={() => onChange(!on)} data-testid={testId} data-on={on ? 'true' : 'false'}>
      <Text>{label}</Text>
      <Text className={`op-toggle${on ? ' op-toggle--on' : ''}`}>{on ? '✓' : '—'}</Text>
    </View>
  );
}

const TextField = observer(function TextField({
  field,
  testId,
  placeholder,
  maxlength = 12,
  digits = true,
}: {
  field: keyof EditorDraft;
  testId: string;
  placeholder?: string;
  maxlength?: number;
  digits?: boolean;
}) {
  const { operator } = useStaffStores();
  return (
    <Input
      className="field"
      type={digits ? 'digit' : 'text'}
      value={String(operator.draft[field] ?? '')}
      placeholder={placeholder}
      maxlength={maxlength}
      onInput={(ev) => operator.edit(field, ev.detail.value as never)}
      data-testid={testId}
    />
  );
});

const Editor = observer(function Editor() {
  const { operator } = useStaffStores();
  const d = operator.draft;
  const save = async () => {
    if (await operator.save()) navigate.back();
  };
  return (
    <View className="page">
      <View className="panel">
        <Text className="op-label">{e.name}</Text>
        <TextField
          field="name"
          testId="product-name"
          placeholder={e.namePlaceholder}
          maxlength={PRODUCT_LIMITS.nameMax}
          digits={false}
        />
        <Problem field="name" />
        <Text className="op-label">{e.kind}</Text>
        <View>
          {(['registered', 'bearer'] as CardKind[]).map((k) => (
            <Chip key={k} active={d.kind === k} onPress={() => operator.edit('kind', k)} testId="product-kind">
              {e.kinds[k]}
            </Chip>
          ))}
        </View>
      </View>

      <View className="panel">
        <Text className="op-label">{e.denominations}</Text>
        <View>
          {d.denominations.map((amount) => (
            <Text
              key={amount}
              className="chip chip--active"
              onClick={() => operator.removeDenomination(amount)}
              data-testid="product-denomination"
            >
              {formatPrice(amount)} ×
            </Text>
          ))}
        </View>
        <View className="op-inline">
          <TextField
            field="denominationText"
            testId="product-denomination-input"
            placeholder={e.denominationPlaceholder}
          />
          <Text className="op-link" onClick={() => operator.addDenomination()} data-testid="product-denomination-add">
            {e.denominationAdd}
          </Text>
        </View>
        <Problem field="denominations" />
        <Toggle
          on={d.customEnabled}
          label={e.custom}
          onChange={(v) => operator.edit('customEnabled', v)}
          testId="product-custom"
        />
        {d.customEnabled && (
          <View className="op-inline">
            <TextField field="customMin" testId="product-custom-min" placeholder={e.customMin} />
            <Text>–</Text>
            <TextField field="customMax" testId="product-custom-max" placeholder={e.customMax} />
          </View>
        )}
        <Problem field="customAmount" />
      </View>

      <View className="panel">
        <Text className="panel__title">{e.faces}</Text>
        {d.faces.map((_, i) => (
          <FaceEditor key={i} index={i} />
        ))}
        <Problem field="faces" />
        {d.faces.length < PRODUCT_LIMITS.facesMax && (
          <Text className="op-link" onClick={() => operator.addFace()} data-testid="face-add">
            {e.faceAdd}
          </Text>
        )}
      </View>

      <View className="panel">
        <Text className="op-label">{e.validity}</Text>
        <View>
          {(['never', 'afterActivation', 'fixedDate'] as ValidityRule['type'][]).map((t) => (
            <Chip
              key={t}
              active={d.validityType === t}
              onPress={() => operator.edit('validityType', t)}
              testId="product-validity"
            >
              {e.validityTypes[t]}
            </Chip>
          ))}
        </View>
        {d.validityType === 'afterActivation' && (
          <View className="op-inline">
            <TextField field="months" testId="product-months" maxlength={3} />
            <Text>{e.months}</Text>
          </View>
        )}
        {d.validityType === 'fixedDate' && (
          <TextField field="until" testId="product-until" placeholder={e.until} digits={false} maxlength={10} />
        )}
        <Problem field="validity" />
        <Text className="op-label">{e.usageRules}</Text>
        <Textarea
          className="field"
          value={d.usageRules}
          maxlength={PRODUCT_LIMITS.usageRulesMax * (PRODUCT_LIMITS.usageRuleMax + 1)}
          onInput={(ev) => operator.edit('usageRules', ev.detail.value)}
          data-testid="product-usage-rules"
        />
        <Problem field="usageRules" />
        <Text className="op-label">{e.transferLimit}</Text>
        <TextField field="transferLimit" testId="product-transfer-limit" maxlength={2} />
        <Problem field="transferLimit" />
        <Text className="op-label">{e.refundWindow}</Text>
        <TextField field="refundWindowDays" testId="product-refund-window" maxlength={1} />
        <Problem field="refundWindowDays" />
      </View>

      <View className="panel">
        <Toggle
          on={d.bonusEnabled}
          label={e.bonus}
          onChange={(v) => operator.edit('bonusEnabled', v)}
          testId="product-bonus"
        />
        {d.bonusEnabled && (
          <View className="op-inline">
            <TextField field="bonusMin" testId="product-bonus-min" placeholder={e.bonusMin} />
            <TextField field="bonusAmount" testId="product-bonus-amount" placeholder={e.bonusAmount} />
          </View>
        )}
        <Problem field="bonus" />
        {!d.productId && (
          <>
            <Toggle
              on={d.stockLimited}
              label={e.stock}
              onChange={(v) => operator.edit('stockLimited', v)}
              testId="product-stock-limited"
            />
            {d.stockLimited && (
              <TextField field="stock" testId="product-stock" placeholder={e.stockPlaceholder} maxlength={7} />
            )}
            <Problem field="stock" />
          </>
        )}
        <Toggle on={d.onSale} label={e.onSale} onChange={(v) => operator.edit('onSale', v)} testId="product-on-sale" />
        <Toggle
          on={d.featured}
          label={e.featured}
          onChange={(v) => operator.edit('featured', v)}
          testId="product-featured"
        />
      </View>

      {operator.showIssues && operator.issues.length > 0 && <Text className="error-text">{e.fixIssues}</Text>}
      {operator.action.errorCode && (
        <Text className="error-text" data-testid="product-error">
          {errorMessage(operator.action.errorCode)}
        </Text>
      )}
      <View className="action-bar">
        <ActionButton disabled={operator.action.busy} onPress={save} testId="product-save">
          {operator.action.busy ? e.saving : e.save}
        </ActionButton>
      </View>
    </View>
  );
});

const EditorLoader = observer(function EditorLoader({ brandId, id }: { brandId: string; id: string }) {
  const { operator } = useStaffStores();
  // Opened when the page opens (each visit is a new page): coming back from a sheet keeps what was typed.
  useEffect(() => void operator.openEditor(brandId, id || undefined), [operator, brandId, id]);
  if (id && operator.products.status === 'error')
    return (
      <StateView
        status="error"
        message={errorMessage(operator.products.errorCode)}
        onRetry={() => void operator.openEditor(brandId, id)}
      />
    );
  if (id && operator.draft.productId !== id) return <StateView status="loading" />;
  return <Editor />;
});

export default function ProductPage() {
  const { brandId = '', id = '' } = useRouter().params;
  return (
    <StaffGate>
      <EditorLoader brandId={brandId} id={id} />
    </StaffGate>
  );
}
