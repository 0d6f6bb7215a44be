/**
 * WeChat's privacy authorization (用户隐私保护指引): before a privacy API such as
 * setClipboardData runs for a user who hasn't agreed yet, WeChat asks the app, which shows its own
 * sheet and answers with the user's choice.
 */

/** How the app answers WeChat: agree names the button the user tapped (WeChat checks it was tapped). */
export type PrivacyAnswer =
  { event: 'agree'; buttonId: string } | { event: 'disagree' } | { event: 'exposureAuthorization' };

/** One question from WeChat, waiting for the app's answer; the privacy API that caused it waits too. */
export interface PrivacyRequest {
  /** Where it came from (WeChat's eventInfo.referrer). */
  referrer: string;
  resolve(answer: PrivacyAnswer): void;
}

export interface PrivacyService {
  /** Hands every request WeChat makes to `onRequest` (the mini-program; H5 never asks). Call once. */
  listen(onRequest: (request: PrivacyRequest) => void): void;
  /** Before the user types personal data (an ID number): true when they have agreed (asking first if needed). */
  require(): Promise<boolean>;
  /** Opens the privacy guide as published for the mini-program. */
  openContract(): Promise<void>;
  /** Copies text (a privacy API on the mini-program): false when it was refused or failed. */
  copy(text: string): Promise<boolean>;
}
