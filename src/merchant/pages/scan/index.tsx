/**
 * 扫码收款, the clerk's till: scan (or type) the holder's pay code, see the card, enter the amount
 * and take it; the holder confirms large amounts on their phone while the till waits; a taken
 * amount may be reversed for a while; every refusal has its own screen.
 */
import { useEffect } from 'react';
import { View } from '@tarojs/components';
import { useDidHide, useDidShow } from '@tarojs/taro';
import { observer } from 'mobx-react-lite';
import { formatPrice, type Fen } from '../../../domain/money';
import { MERCHANT_LIMITS } from '../../../contracts/merchant';
import { navigate } from '../../../pages/routes';
import { secondsLeft, useNow } from '../../../pages/use-now';
import { useStaffStores } from '../../stores';
import type { AmountProblem } from '../../../stores/clerk-store';
import { errorMessage, strings } from '../../../strings/zh-CN';
import { merchantStrings } from '../../../strings/zh-CN.merchant';
import { askReverse } from '../../ask-reverse';
import { StaffGate } from '../../staff-gate';
import { AmountStep } from './amount-step';
import { DoneView, RefusedView, WaitingView } from './outcome';
import { ScanStep } from './scan-step';
import { StoreBar } from './store-bar';
import './index.scss';

const m = strings.merchant;

function problemText(problem: AmountProblem | undefined, balance: Fen, offlineLeft?: Fen): string | undefined {
  switch (problem) {
    case undefined:
      return undefined;
    case 'format':
    case 'zero':
      return m.amountProblems[problem];
    case 'overBalance':
      return m.amountProblems.overBalance(formatPrice(balance));
    case 'overLimit':
      return m.amountProblems.overLimit(formatPrice(MERCHANT_LIMITS.amountMax));
    case 'overOffline':
      return merchantStrings.offlineTill.overCap(formatPrice(offlineLeft ?? balance));
  }
}

const Till = observer(function Till() {
  const { clerk } = useStaffStores();
  const step = clerk.step;
  const now = useNow(step === 'amount' || step === 'waiting');
  const profile = clerk.profile.data?.profile;
  if (!profile) return null;
  const error = clerk.action.errorCode && errorMessage(clerk.action.errorCode);

  let body;
  if (step === 'refused') {
    const code = clerk.refusal ?? '';
    const offlineNext = merchantStrings.offlineTill.refusalNext[code];
    body = (
      <RefusedView
        // An offline code's refusal: its error message is the title, the merchant strings say what next.
        title={m.refusalTitles[code] ?? (offlineNext ? errorMessage(code) : m.refusalFallback)}
        message={
          clerk.redemption?.split?.givenBack
            ? merchantStrings.split.givenBack
            : (m.refusalNext[code] ?? offlineNext ?? errorMessage(code))
        }
        again={clerk.typed ? m.retype : m.rescan}
        onRescan={() => clerk.next()}
      />
    );
  } else if (step === 'waiting' && clerk.redemption) {
    body = <WaitingView redemption={clerk.redemption} secondsLeft={secondsLeft(clerk.confirmDeadline ?? now, now)} />;
  } else if (step === 'done' && clerk.redemption) {
    const r = clerk.redemption;
    body = (
      <DoneView
        redemption={r}
        reversible={clerk.reversible(r)}
        busy={clerk.reversal.busy}
        error={
          clerk.reversalFrom === 'till' && clerk.reversal.errorCode ? errorMessage(clerk.reversal.errorCode) : error
        }
        onReverse={() => void askReverse(clerk, r, 'till')}
        onNext={() => clerk.next()}
      />
    );
  } else if (step === 'amount' && clerk.scanned) {
    const card = clerk.scanned.card;
    body = (
      <AmountStep
        card={card}
        codeSecondsLeft={secondsLeft(clerk.codeDeadline ?? now, now)}
        amountText={clerk.amountText}
        problem={
          card.split && clerk.amountProblem === 'overBalance'
            ? merchantStrings.split.overReach(formatPrice(clerk.reach))
            : problemText(clerk.amountProblem, card.balance, card.offlineLeft)
        }
        remainder={clerk.remainder}
        note={
          card.offlineLeft !== undefined
            ? merchantStrings.offlineTill.note(formatPrice(card.offlineLeft))
            : clerk.needsHolderConfirmation
              ? m.confirmNote(formatPrice(profile.confirmAbove))
              : undefined
        }
        error={error}
        busy={clerk.action.busy}
        canRedeem={clerk.canRedeem}
        onAmount={(t) => clerk.setAmountText(t)}
        onChoose={(a) => clerk.chooseAmount(a)}
        onRedeem={() => void clerk.redeem()}
        onRescan={() => clerk.next()}
      />
    );
  } else {
    body = (
      <ScanStep
        entryText={clerk.entryText}
        entryValid={clerk.entryValid}
        entryMistyped={clerk.entryMistyped}
        busy={clerk.action.busy}
        notice={clerk.cameraProblem && m.camera[clerk.cameraProblem]}
        error={error}
        onScan={() => void clerk.scan({ hint: m.scannerHint, cancel: m.scannerCancel })}
        onEntry={(t) => clerk.setEntryText(t)}
        onSubmit={() => void clerk.submitEntry()}
      />
    );
  }
  return (
    <View className="page till">
      <StoreBar
        profile={profile}
        storeId={clerk.storeId}
        choosable={step === 'scan'}
        onChoose={(id) => clerk.chooseStore(id)}
        onHistory={() => navigate.merchantHistory()}
      />
      {body}
    </View>
  );
});

function ScanPage() {
  const { clerk } = useStaffStores();
  // A redemption waiting for the holder is followed only while the till is on screen.
  useDidShow(() => clerk.resume());
  useDidHide(() => clerk.halt());
  useEffect(() => () => clerk.halt(), [clerk]);
  return (
    <StaffGate>
      <Till />
    </StaffGate>
  );
}

export default ScanPage;
