/** Pages that need an identity: where the platform gives none and nobody is signed in, go sign in. */
import { useDidShow } from '@tarojs/taro';
import { useStores } from '../stores';
import { navigate } from './routes';

export function useSignedIn(onShow: () => void): boolean {
  const { session } = useStores();
  useDidShow(() => {
    if (session.signedIn) onShow();
  });
  return session.signedIn;
}

/** Runs `action` when signed in, otherwise opens the sign-in page first. */
export function whenSignedIn(signedIn: boolean, action: () => void): void {
  if (signedIn) action();
  else navigate.login();
}
