/**
 * The card page's expiry part: a gentle "N 天后过期" notice within 30 days; for an expired card how
 * much expired, the "申请延期" action (a sheet with an optional note, then confirmation) and the
 * request's state once asked.
 */
import { Text, View } from '@tarojs/components';
import { Input } from '../../components/input';
import { useState } from 'react';
import type { CardExpiryView } from '../../contracts/wallet';
import { ActionButton } from '../../components/action-button';
import { chinaTime } from '../../components/china-time';
import { EXTENSION_RULES } from '../../domain/expiry';
import { formatPrice } from '../../domain/money';
import { cardStrings } from '../../strings/zh-CN.card';

const s = cardStrings.expiry;

export interface ExpiryPanelProps {
  expiry: CardExpiryView;
  busy: boolean;
  onRequest: (note: string) => Promise<boolean>;
}

export function ExpiryPanel({ expiry, busy, onRequest }: ExpiryPanelProps) {
  const [asking, setAsking] = useState(false);
  const [note, setNote] = useState('');
  const ext = expiry.extension;
  if (!expiry.expired && expiry.daysLeft !== null && ext?.state !== 'approved')
    return (
      <View className="panel card__expiry card__expiry--soon" data-testid="expiry-soon">
        <Text className="card__expiry-title">{s.expiresIn(expiry.daysLeft)}</Text>
        <Text className="muted">{s.expiresInHint}</Text>
      </View>
    );
  if (!expiry.expired && !ext) return null;
  const submit = async (): Promise<void> => {
    if (await onRequest(note)) {
      setAsking(false);
      setNote('');
    }
  };
  return (
    <View className="panel card__expiry" data-testid="expiry-panel">
      {expiry.expired && (
        <View className="kv">
          <Text className="card__expiry-title">{s.expired}</Text>
          <Text data-testid="expired-amount">{s.expiredAmount(formatPrice(expiry.expiredAmount))}</Text>
        </View>
      )}
      {ext && (
        <View className="kv" data-testid="extension-state" data-state={ext.state}>
          <Text className={`card__ext card__ext--${ext.state}`}>{s.states[ext.state]}</Text>
          <Text className="muted">
            {ext.state === 'approved'
              ? s.stateHint.approved(chinaTime(ext.newExpiresAt ?? 0, 'YYYY-MM-DD'))
              : s.stateHint[ext.state]}
          </Text>
        </View>
      )}
      {expiry.extendable && (
        <ActionButton ghost disabled={busy} onPress={() => setAsking(true)} testId="extension-request">
          {s.request}
        </ActionButton>
      )}
      {asking && (
        <View className="sheet" data-testid="extension-sheet">
          <View className="sheet__mask" onClick={() => setAsking(false)} />
          <View className="sheet__panel card__sheet">
            <Text className="panel__title">{s.requestTitle}</Text>
            <Text className="card__sheet-body">{s.requestBody(formatPrice(expiry.expiredAmount))}</Text>
            <Input
              className="field"
              value={note}
              maxlength={EXTENSION_RULES.noteMax}
              placeholder={s.notePlaceholder}
              onInput={(e) => setNote(e.detail.value)}
              data-testid="extension-note"
            />
            <View className="card__sheet-actions">
              <ActionButton ghost onPress={() => setAsking(false)}>
                {s.cancel}
              </ActionButton>
              <ActionButton disabled={busy} onPress={submit} testId="extension-confirm">
                {s.requestConfirm}
              </ActionButton>
            </View>
          </View>
        </View>
      )}
    </View>
  );
}
