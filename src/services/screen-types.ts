/** Keeping the screen bright and awake while a pay code is shown, so the store's scanner reads it. */
export interface ScreenService {
  /** Best effort: a platform that can't does nothing. */
  keepBright(): Promise<void>;
  /** Undoes keepBright (the brightness the user had, the screen allowed to sleep again). */
  restore(): Promise<void>;
}
