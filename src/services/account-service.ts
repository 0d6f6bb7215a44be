/**
 * Signing in where the platform gives no identity (H5, the devtools without a cloud env): the local
 * cloud's demo users and its signed sessions.
 */
import type { GatewayHttp } from './gateway-http';
import { forgetOfflineKeys } from './offline-key-names';
import { saveSession, type StoredSession } from './session-token';

export interface DemoUser {
  user: string;
  openId: string;
  nickname: string;
  role: 'holder' | 'recipient' | 'clerk' | 'operator';
}

export class AccountService {
  constructor(
    private readonly http: GatewayHttp,
    /** False where the platform itself says who the user is (mini-program in WeChat Cloud). */
    readonly needsSignIn: boolean,
  ) {}

  async demoUsers(): Promise<DemoUser[]> {
    return (await this.http<{ users: DemoUser[] }>('GET', '/api/dev/users')).users;
  }

  async signIn(user: string): Promise<StoredSession> {
    const s = await this.http<StoredSession>('POST', '/api/dev/login', { user });
    const session = { token: s.token, expiresAt: s.expiresAt, user: s.user };
    saveSession(session);
    return session;
  }

  /** Keeps a session changed since sign-in (joined as staff). */
  remember(session: StoredSession): void {
    saveSession(session);
  }

  signOut(): void {
    saveSession(null);
    forgetOfflineKeys();
  }
}
