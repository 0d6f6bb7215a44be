/**
 * Our privacy sheet, shown when WeChat asks whether the user agrees to the privacy guide. The agree
 * button must be WeChat's own `open-type="agreePrivacyAuthorization"` button: WeChat lets the
 * waiting privacy call go on only after that button (named by its id) was really tapped.
 */
import { Text, View } from '@tarojs/components';
import { Button } from './button';
import { strings } from '../strings/zh-CN';
import './privacy-sheet.scss';

const p = strings.privacy;

export interface PrivacySheetProps {
  visible: boolean;
  /** The agree button's id, as the answer to WeChat names it. */
  agreeId: string;
  onAgree: () => void;
  onDisagree: () => void;
  onOpenContract: () => void;
}

export function PrivacySheet({ visible, agreeId, onAgree, onDisagree, onOpenContract }: PrivacySheetProps) {
  if (!visible) return null;
  return (
    <View className="sheet privacy-sheet" data-testid="privacy-sheet" role="dialog">
      <View className="sheet__mask" />
      <View className="sheet__panel privacy-sheet__panel">
        <Text className="privacy-sheet__title">{p.title}</Text>
        <Text className="privacy-sheet__body">
          {p.body}
          <Text className="privacy-sheet__link" onClick={onOpenContract}>
            {p.contract}
          </Text>
          {p.bodyEnd}
        </Text>
        <View className="privacy-sheet__actions">
          <Button className="btn btn--ghost" onClick={onDisagree}>
            {p.disagree}
          </Button>
          <Button
            id={agreeId}
            className="btn"
            openType="agreePrivacyAuthorization"
            onAgreePrivacyAuthorization={onAgree}
          >
            {p.agree}
          </Button>
        </View>
      </View>
    </View>
  );
}
