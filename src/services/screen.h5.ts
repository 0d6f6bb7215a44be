/** H5: a browser can't set brightness; the Screen Wake Lock API keeps the screen on where there is one. */
import type { ScreenService } from './screen-types';

let wanted = false;
let lock: WakeLockSentinel | undefined;

export const screen: ScreenService = {
  async keepBright() {
    wanted = true;
    if (lock || typeof navigator === 'undefined' || !('wakeLock' in navigator)) return;
    try {
      const granted = await navigator.wakeLock.request('screen');
      // The page may have been left while the browser was deciding.
      if (wanted) lock = granted;
      else await granted.release();
    } catch {
      // Refused (page hidden, battery saver): the screen may sleep, as it would anyway.
    }
  },
  async restore() {
    wanted = false;
    const held = lock;
    lock = undefined;
    await held?.release().catch(() => undefined);
  },
};
