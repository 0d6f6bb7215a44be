/**
 * The door of every clerk page: signed out goes to sign-in like other pages; a user without a staff
 * role sees a designed "staff only" screen (the cloud answers FORBIDDEN); staff get the page.
 */
import type { PropsWithChildren } from 'react';
import { observer } from 'mobx-react-lite';
import { StateView } from '../components/state-view';
import { navigate } from '../pages/routes';
import { useSignedIn } from '../pages/use-signed-in';
import { useStaffStores } from './stores';
import { errorMessage, strings } from '../strings/zh-CN';

const m = strings.merchant;

export const StaffGate = observer(function StaffGate({ children }: PropsWithChildren) {
  const { clerk } = useStaffStores();
  // Asked again on every show: a role can be granted or withdrawn between two visits.
  const signedIn = useSignedIn(() => void clerk.loadProfile());
  const profile = clerk.profile;
  if (!signedIn)
    return (
      <StateView status="empty" message={m.signIn} onRetry={() => navigate.login()} actionText={strings.state.signIn} />
    );
  if (profile.status === 'error') {
    if (profile.errorCode === 'FORBIDDEN')
      return (
        <StateView
          status="empty"
          message={m.staffOnly}
          hint={m.staffOnlyHint}
          onRetry={() => navigate.back()}
          actionText={m.back}
        />
      );
    return (
      <StateView status="error" message={errorMessage(profile.errorCode)} onRetry={() => void clerk.loadProfile()} />
    );
  }
  // A reload on show keeps the page up rather than flashing a skeleton.
  if (profile.status !== 'ready' && !(profile.status === 'loading' && profile.data))
    return <StateView status="loading" />;
  return <>{children}</>;
});
