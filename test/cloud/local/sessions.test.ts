/** Gateway session tokens: signed, expiring, tamper-evident. */
import { SessionSigner } from '../../../cloudfunctions/local/gateway/sessions';

const signer = new SessionSigner('s'.repeat(32), 3600);
const NOW = Date.parse('2026-11-22T12:00:00Z');

test('should verify a token it issued until it expires', () => {
  const { token, expiresAt } = signer.issue('o-demo-alice', NOW);
  expect(signer.verify(token, NOW)?.sub).toBe('o-demo-alice');
  expect(expiresAt).toBe(NOW + 3600_000);
  expect(signer.verify(token, expiresAt)).toBeUndefined();
});

test('should refuse a token whose payload was changed or that another secret signed', () => {
  const { token } = signer.issue('o-demo-alice', NOW);
  const [, sig] = token.split('.');
  const forgedPayload = Buffer.from(JSON.stringify({ sub: 'o-demo-bob', exp: NOW / 1000 + 3600 })).toString(
    'base64url',
  );
  expect(signer.verify(`${forgedPayload}.${sig}`, NOW)).toBeUndefined();
  const other = new SessionSigner('t'.repeat(32), 3600).issue('o-demo-alice', NOW).token;
  expect(signer.verify(other, NOW)).toBeUndefined();
  expect(signer.verify('garbage', NOW)).toBeUndefined();
  expect(signer.verify(`${token}.extra`, NOW)).toBeUndefined();
});

test('should refuse a short secret', () => {
  expect(() => new SessionSigner('short', 60)).toThrow(/at least 32/);
});
