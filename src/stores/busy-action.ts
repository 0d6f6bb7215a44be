/** One user action at a time: `busy` while it runs, its error code kept for the page to show. */
import { makeAutoObservable, runInAction } from 'mobx';
import { errorCodeOf } from '../services/api-error';

export class BusyAction {
  busy = false;
  errorCode: string | undefined = undefined;

  constructor() {
    makeAutoObservable(this);
  }

  /** Runs `fn`; resolves with its result, or undefined when it failed (the code is in errorCode). */
  async run<T>(fn: () => Promise<T>): Promise<T | undefined> {
    this.busy = true;
    this.errorCode = undefined;
    try {
      return await fn();
    } catch (e) {
      runInAction(() => (this.errorCode = errorCodeOf(e)));
      return undefined;
    } finally {
      runInAction(() => (this.busy = false));
    }
  }
}
