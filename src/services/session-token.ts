/**
 * The signed session of the gateway (H5, and the mini-program without a cloud env), kept in the
 * platform's storage so a reload keeps the holder signed in.
 */
import Taro from '@tarojs/taro';

const KEY = 'gcc.session';

export interface StoredSession {
  token: string;
  expiresAt: number;
  /** `staff`: a clerk or operator when signed in (joining as a clerk sets it). */
  user: { user: string; nickname: string; role: string; staff?: boolean };
}

let cached: StoredSession | null | undefined;

export function loadSession(): StoredSession | null {
  if (cached !== undefined) return cached;
  try {
    const raw = Taro.getStorageSync(KEY) as unknown;
    cached = raw && typeof raw === 'object' ? (raw as StoredSession) : null;
  } catch {
    cached = null;
  }
  return cached;
}

export function saveSession(s: StoredSession | null): void {
  cached = s;
  if (s) Taro.setStorageSync(KEY, s);
  else Taro.removeStorageSync(KEY);
}

/** The token for the next call, or undefined when signed out or expired. */
export function sessionToken(now = Date.now()): string | undefined {
  const s = loadSession();
  return s && s.expiresAt > now ? s.token : undefined;
}
