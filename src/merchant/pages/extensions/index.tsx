/**
 * 延期申请: the brand operator's extension requests — pending ones first, each approved (months
 * picker, 6 by default) or declined on a confirmation sheet — and the decided ones below.
 */
import { Text, View } from '@tarojs/components';
import { Input } from '../../../components/input';
import { useRouter } from '@tarojs/taro';
import { observer } from 'mobx-react-lite';
import type { ExtensionView } from '../../../contracts/expiry';
import { ActionButton } from '../../../components/action-button';
import { chinaTime } from '../../../components/china-time';
import { StateView } from '../../../components/state-view';
import { maskCode } from '../../../domain/codes';
import { EXTENSION_RULES } from '../../../domain/expiry';
import { formatPrice } from '../../../domain/money';
import { useStaffStores } from '../../stores';
import { EXTENSION_MONTH_CHOICES } from '../../../stores/extensions-store';
import { errorMessage } from '../../../strings/zh-CN';
import { cardStrings } from '../../../strings/zh-CN.card';
import { useSignedIn } from '../../../pages/use-signed-in';
import { StaffGate } from '../../staff-gate';
import { Chip } from '../../../components/chip';
import './index.scss';

const s = cardStrings.expiry;

const Request = observer(function Request({ r }: { r: ExtensionView }) {
  const { extensions } = useStaffStores();
  return (
    <View className="panel ext__item" data-testid="extension-item" data-state={r.state}>
      <View className="kv">
        <Text className="ext__card">
          {r.productName} {maskCode(r.last4)}
        </Text>
        <Text className="ext__amount">{formatPrice(r.amount)}</Text>
      </View>
      <Text className="muted">
        {s.holder(r.holder)} · {s.expiredAt(chinaTime(r.expiredAt, 'YYYY-MM-DD'))}
      </Text>
      <Text className="muted">{s.requestedAt(chinaTime(r.requestedAt))}</Text>
      {r.note !== '' && <Text className="ext__note">{s.holderNote(r.note)}</Text>}
      {r.state === 'pending' ? (
        <View className="ext__actions">
          <ActionButton ghost onPress={() => extensions.open(r.id, false)} testId="extension-decline">
            {s.decline}
          </ActionButton>
          <ActionButton onPress={() => extensions.open(r.id, true)} testId="extension-approve">
            {s.approve}
          </ActionButton>
        </View>
      ) : (
        <Text className={`ext__state ext__state--${r.state}`} data-testid="extension-decision">
          {r.state === 'approved'
            ? s.approvedUntil(chinaTime(r.newExpiresAt ?? 0, 'YYYY-MM-DD'))
            : s.declinedAt(chinaTime(r.decidedAt ?? 0))}
        </Text>
      )}
    </View>
  );
});

const DecisionSheet = observer(function DecisionSheet() {
  const { extensions } = useStaffStores();
  const r = extensions.current;
  const d = extensions.deciding;
  if (!r || !d) return null;
  return (
    <View className="sheet" data-testid="decision-sheet">
      <View className="sheet__mask" onClick={() => extensions.close()} />
      <View className="sheet__panel ext__sheet">
        <Text className="panel__title">{d.approve ? s.approveTitle : s.declineTitle}</Text>
        {d.approve && (
          <>
            <Text className="muted">{s.months}</Text>
            <View className="ext__months" data-testid="months-picker">
              {EXTENSION_MONTH_CHOICES.map((n) => (
                <Chip
                  key={n}
                  active={n === extensions.months}
                  onPress={() => extensions.setMonths(n)}
                  testId={`months-${n}`}
                >
                  {s.monthsValue(n)}
                </Chip>
              ))}
            </View>
          </>
        )}
        <Text className="ext__body">
          {d.approve ? s.approveBody(formatPrice(r.amount), extensions.months) : s.declineBody}
        </Text>
        <Input
          className="field"
          value={extensions.note}
          maxlength={EXTENSION_RULES.noteMax}
          placeholder={s.decisionPlaceholder}
          onInput={(e) => extensions.setNote(e.detail.value)}
        />
        {extensions.action.errorCode && <Text className="error-text">{errorMessage(extensions.action.errorCode)}</Text>}
        <View className="ext__actions">
          <ActionButton ghost onPress={() => extensions.close()}>
            {s.cancel}
          </ActionButton>
          <ActionButton
            disabled={extensions.action.busy}
            onPress={() => extensions.confirm()}
            testId="decision-confirm"
          >
            {d.approve ? s.approve : s.decline}
          </ActionButton>
        </View>
      </View>
    </View>
  );
});

const Extensions = observer(function Extensions({ brandId }: { brandId: string }) {
  const { extensions } = useStaffStores();
  const view = extensions.list;
  if (view.status === 'error' && !view.data)
    return (
      <StateView status="error" message={errorMessage(view.errorCode)} onRetry={() => void extensions.load(brandId)} />
    );
  if (view.status === 'empty') return <StateView status="empty" message={s.empty} />;
  if (!view.data || extensions.brandId !== brandId) return <StateView status="loading" />;
  return (
    <View className="page ext">
      <Text className="ext__section">
        {s.pending} · {extensions.pending.length}
      </Text>
      {extensions.pending.length === 0 && <Text className="muted ext__none">{s.empty}</Text>}
      {extensions.pending.map((r) => (
        <Request key={r.id} r={r} />
      ))}
      {extensions.decided.length > 0 && <Text className="ext__section">{s.decided}</Text>}
      {extensions.decided.map((r) => (
        <Request key={r.id} r={r} />
      ))}
      <DecisionSheet />
    </View>
  );
});

function ExtensionsPage() {
  const { brandId = '' } = useRouter().params;
  const { extensions } = useStaffStores();
  // Here, outside the gate: content it mounts later would miss the page's first show.
  useSignedIn(() => void extensions.load(brandId));
  return (
    <StaffGate>
      <Extensions brandId={brandId} />
    </StaffGate>
  );
}

export default observer(ExtensionsPage);
