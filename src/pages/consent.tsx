/** The consent sheet of the page it is placed in, while the consent store has a question open. */
import { observer } from 'mobx-react-lite';
import { ConsentSheet } from '../components/consent-sheet';
import { useStores } from '../stores';
import { strings } from '../strings/zh-CN';

const s = strings.consent;

export const Consent = observer(function Consent() {
  const { consent } = useStores();
  const question = consent.asking;
  if (!question) return null;
  return (
    <ConsentSheet
      title={s.title}
      message={s[question.moment]}
      hint={s.hint}
      allowText={s.allow}
      rejectText={s.reject}
      onAnswer={(accepted) => void consent.answer(accepted)}
    />
  );
});
