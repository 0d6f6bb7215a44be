/**
 * My profile: the nickname and avatar chosen once on the profile page, which the gift pages start
 * from (the sender's name on a gift, the claimer's name) and friends see on my gifts. Loaded once per
 * signed-in person: a sign-in as someone else loads theirs.
 */
import { makeAutoObservable, runInAction } from 'mobx';
import type { Profile } from '../domain/profile';
import { errorCodeOf } from '../services/api-error';
import type { WalletService } from '../services/wallet-service';
import { AsyncView } from './async-view';

export class ProfileStore {
  readonly view = new AsyncView<Profile | null>();
  saving = false;
  errorCode: string | undefined = undefined;
  private loadedFor: string | undefined = undefined;

  constructor(private readonly wallet: WalletService) {
    makeAutoObservable<ProfileStore, 'wallet' | 'loadedFor'>(this, { wallet: false, view: false, loadedFor: false });
  }

  /** Loads `who`'s profile unless it is the one already here. */
  loadFor(who: string): Promise<void> {
    if (this.loadedFor === who && this.view.status !== 'error') return Promise.resolve();
    this.loadedFor = who;
    return this.reload();
  }

  /** Nobody signed in: the last person's profile is not shown to the next. */
  forget(): void {
    this.loadedFor = undefined;
    this.view.reset();
  }

  /** Asks again for the same person's profile (after an error). */
  reload(): Promise<void> {
    return this.view.run(async () => (await this.wallet.profile()).profile);
  }

  get profile(): Profile | null {
    return this.view.data ?? null;
  }

  /** The chosen nickname, or '' before one was chosen. */
  get nickname(): string {
    return this.profile?.nickname ?? '';
  }

  async save(profile: Profile): Promise<boolean> {
    this.saving = true;
    this.errorCode = undefined;
    try {
      const saved = (await this.wallet.saveProfile(profile)).profile;
      runInAction(() => (this.view.data = saved));
      return true;
    } catch (e) {
      runInAction(() => (this.errorCode = errorCodeOf(e)));
      return false;
    } finally {
      runInAction(() => (this.saving = false));
    }
  }
}
