/**
 * Signed, expiring session tokens for the gateway: `base64url(payload).base64url(hmac)`.
 * The payload names the user's OPENID; nothing in a request body can change who the caller is.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export interface SessionClaims {
  /** The OPENID functions will see. */
  sub: string;
  /** Expiry, epoch seconds. */
  exp: number;
}

function b64url(buf: Buffer | string): string {
  return Buffer.from(buf).toString('base64url');
}

export class SessionSigner {
  constructor(
    private readonly secret: string,
    private readonly ttlSeconds: number,
  ) {
    if (secret.length < 32) throw new Error('the session secret must be at least 32 characters');
  }

  private sign(payload: string): string {
    return createHmac('sha256', this.secret).update(payload).digest('base64url');
  }

  issue(openId: string, nowMs: number): { token: string; expiresAt: number } {
    const exp = Math.floor(nowMs / 1000) + this.ttlSeconds;
    const payload = b64url(JSON.stringify({ sub: openId, exp } satisfies SessionClaims));
    return { token: `${payload}.${this.sign(payload)}`, expiresAt: exp * 1000 };
  }

  /** The claims of a valid, unexpired token; undefined for anything else. */
  verify(token: string, nowMs: number): SessionClaims | undefined {
    const [payload, sig, extra] = token.split('.');
    if (!payload || !sig || extra !== undefined) return undefined;
    const expected = Buffer.from(this.sign(payload));
    const given = Buffer.from(sig);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return undefined;
    try {
      const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Partial<SessionClaims>;
      if (typeof claims.sub !== 'string' || typeof claims.exp !== 'number') return undefined;
      if (claims.exp * 1000 <= nowMs) return undefined;
      return { sub: claims.sub, exp: claims.exp };
    } catch {
      return undefined;
    }
  }
}
