/** Asking the user to accept subscribe messages, whatever the platform. */

export interface SubscribeService {
  /**
   * WeChat shows its own dialog (the mini-program in a cloud env). Elsewhere the app shows its own
   * consent sheet and records the answer with `record`.
   */
  readonly nativeDialog: boolean;
  /**
   * WeChat's subscribe dialog for `templateIds`. WeChat accepts it only within a tap: call it
   * synchronously in the tap handler, before any await. Resolves with the ids accepted ([] when
   * refused or failed); never rejects.
   */
  request(templateIds: readonly string[]): Promise<string[]>;
  /** Records the answer given in the app's consent sheet (the local cloud keeps it, as WeChat would). */
  record(accepted: readonly string[], rejected: readonly string[]): Promise<void>;
}
