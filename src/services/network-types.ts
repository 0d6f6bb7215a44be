/** Whether the phone has a network, so the pay code page can switch to offline codes without waiting for a call to fail. */
export interface NetworkService {
  /** Best knowledge now; true when the platform can't tell (a failing call still says so). */
  online(): Promise<boolean>;
  /** Calls `listener` on every change; returns the unsubscribe. */
  watch(listener: (online: boolean) => void): () => void;
}
