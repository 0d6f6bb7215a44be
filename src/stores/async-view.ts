/**
 * The state of one screen's data: idle → loading → ready | empty | error, with the error's code.
 * Only the latest request may settle it, so a slow old answer never replaces a newer one.
 */
import { makeAutoObservable, runInAction } from 'mobx';
import { errorCodeOf } from '../services/api-error';

export type ViewStatus = 'idle' | 'loading' | 'ready' | 'empty' | 'error';

export class AsyncView<T> {
  status: ViewStatus = 'idle';
  data: T | undefined = undefined;
  errorCode: string | undefined = undefined;
  private seq = 0;

  constructor(private readonly isEmpty: (data: T) => boolean = () => false) {
    makeAutoObservable<AsyncView<T>, 'seq' | 'isEmpty'>(this, { seq: false, isEmpty: false });
  }

  async run(load: () => Promise<T>): Promise<void> {
    const mine = ++this.seq;
    this.status = 'loading';
    this.errorCode = undefined;
    try {
      const data = await load();
      if (mine !== this.seq) return;
      runInAction(() => {
        this.data = data;
        this.status = this.isEmpty(data) ? 'empty' : 'ready';
      });
    } catch (e) {
      if (mine !== this.seq) return;
      runInAction(() => {
        this.status = 'error';
        this.errorCode = errorCodeOf(e);
      });
    }
  }

  /** Back to idle, dropping any answer still on its way. */
  reset(): void {
    this.seq++;
    this.status = 'idle';
    this.data = undefined;
    this.errorCode = undefined;
  }
}
