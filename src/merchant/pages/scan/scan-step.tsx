/** Between customers: the big scan button, and typing the code when the camera can't be used. */
import { View, Text } from '@tarojs/components';
import { Input } from '../../../components/input';
import { MERCHANT_LIMITS } from '../../../contracts/merchant';
import { strings } from '../../../strings/zh-CN';

const m = strings.merchant;

export interface ScanStepProps {
  entryText: string;
  entryValid: boolean;
  entryMistyped: boolean;
  busy: boolean;
  /** Why the camera could not be used, or why the last look failed. */
  notice?: string;
  error?: string;
  onScan: () => void;
  onEntry: (text: string) => void;
  onSubmit: () => void;
}

export function ScanStep(p: ScanStepProps) {
  const canSubmit = p.entryValid && !p.busy;
  return (
    <View>
      <View className="scan-step__button" onClick={() => !p.busy && p.onScan()} data-testid="clerk-scan">
        <View className="scan-mark scan-step__mark" />
        <Text className="scan-step__title">{m.scan}</Text>
        <Text className="scan-step__hint">{m.scanHint}</Text>
      </View>
      {p.notice && <Text className="scan-step__notice">{p.notice}</Text>}
      <View className="panel">
        <Text className="panel__title">{m.manual}</Text>
        <View className="scan-step__entry">
          <Input
            className="field scan-step__field"
            // 16 digits: the number pad (the mini-program's number keyboard; on H5 a text field that
            // asks for the numeric keypad, so a pasted QR payload still fits).
            type={process.env.TARO_ENV === 'weapp' ? 'number' : 'text'}
            nativeProps={{ inputMode: 'numeric', autoComplete: 'off' }}
            value={p.entryText}
            maxlength={MERCHANT_LIMITS.payInputMax}
            placeholder={m.manualPlaceholder}
            confirmType="go"
            onInput={(e) => p.onEntry(e.detail.value)}
            onConfirm={() => canSubmit && p.onSubmit()}
            data-testid="clerk-entry"
          />
          <Text
            className={`scan-step__submit${canSubmit ? '' : ' scan-step__submit--disabled'}`}
            onClick={() => canSubmit && p.onSubmit()}
            data-testid="clerk-lookup"
          >
            {p.busy ? m.looking : m.lookUp}
          </Text>
        </View>
        {p.entryMistyped && <Text className="error-text">{m.manualMistyped}</Text>}
        {p.error && (
          <Text className="error-text" data-testid="clerk-error">
            {p.error}
          </Text>
        )}
      </View>
    </View>
  );
}
