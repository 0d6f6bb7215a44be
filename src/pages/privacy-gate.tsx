/**
 * The privacy sheet of a page that uses personal data (copying a link, the ID number of a real-name
 * purchase, the CSV fallback to the clipboard): mounted with the page, shown while WeChat waits
 * for the user's answer. Pages without it never get WeChat's question answered by a person
 * (stores/privacy-store.ts refuses it), so every page that copies or asks for an ID number has one.
 */
import { observer } from 'mobx-react-lite';
import { useEffect } from 'react';
import { PrivacySheet } from '../components/privacy-sheet';
import { useStores } from '../stores';
import { PRIVACY_AGREE_BUTTON_ID } from '../stores/privacy-store';

export const PrivacyGate = observer(function PrivacyGate() {
  const { privacy } = useStores();
  useEffect(() => privacy.mountSheet(), [privacy]);
  return (
    <PrivacySheet
      visible={privacy.asking}
      agreeId={PRIVACY_AGREE_BUTTON_ID}
      onAgree={() => privacy.agree()}
      onDisagree={() => privacy.disagree()}
      onOpenContract={() => void privacy.openContract()}
    />
  );
});
