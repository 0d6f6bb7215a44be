/** Who is signed in, where the platform doesn't say: the demo users and the stored session. */
import { makeAutoObservable, runInAction } from 'mobx';
import type { AccountService, DemoUser } from '../services/account-service';
import { loadSession, sessionToken, type StoredSession } from '../services/session-token';
import { errorCodeOf } from '../services/api-error';
import { AsyncView } from './async-view';

export class SessionStore {
  readonly users = new AsyncView<DemoUser[]>((u) => u.length === 0);
  session: StoredSession | null = loadSession();
  signingIn: string | undefined = undefined;
  errorCode: string | undefined = undefined;

  constructor(private readonly account: AccountService) {
    makeAutoObservable<SessionStore, 'account'>(this, { account: false, users: false });
  }

  /** Whether calls carry an identity: the platform's, or a live session. */
  get signedIn(): boolean {
    return !this.account.needsSignIn || (this.session !== null && sessionToken() !== undefined);
  }

  get needsSignIn(): boolean {
    return this.account.needsSignIn;
  }

  /**
   * Whether a staff profile is worth asking for: the session says so where there is one; where the
   * platform gives the identity (the mini-program), the wallet's answer does (`walletSaysStaff`,
   * looked up by the caller's OPENID) — nobody else is asked, and nobody is refused.
   */
  isStaff(walletSaysStaff: boolean | undefined): boolean {
    return this.account.needsSignIn ? this.session?.user.staff === true : walletSaysStaff === true;
  }

  /** Joined as a clerk just now: the session says so from here on. */
  markStaff(): void {
    if (!this.session) return;
    this.session = { ...this.session, user: { ...this.session.user, staff: true } };
    this.account.remember(this.session);
  }

  loadUsers(): Promise<void> {
    return this.users.run(() => this.account.demoUsers());
  }

  async signIn(user: string): Promise<boolean> {
    this.signingIn = user;
    this.errorCode = undefined;
    try {
      const session = await this.account.signIn(user);
      runInAction(() => (this.session = session));
      return true;
    } catch (e) {
      runInAction(() => (this.errorCode = errorCodeOf(e)));
      return false;
    } finally {
      runInAction(() => (this.signingIn = undefined));
    }
  }

  signOut(): void {
    this.account.signOut();
    this.session = null;
  }
}
