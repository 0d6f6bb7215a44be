/**
 * The app's pure-TS SHA-256 / HMAC-SHA256 (what derives offline codes with no network) against the
 * published vectors (FIPS 180-4 examples, RFC 4231) and against Node's crypto (what the cloud
 * verifies with), and the offline code's shape: told apart from online codes, parsed from a scan or
 * typing, the same for the app and the cloud.
 */
import { createHash, createHmac } from 'node:crypto';
import fc from 'fast-check';
import {
  OFFLINE_WINDOW_MS,
  deriveOfflineCode,
  isWellFormedOfflineCode,
  offlineAllowance,
  offlineCodeFromMac,
  offlineInputMatches,
  offlineMessage,
  parseOfflineInput,
} from '../../src/domain/offline-code';
import { fen } from '../../src/domain/money';
import { isWellFormedPayCode, parsePayInput, payCodeFromBytes } from '../../src/domain/redemption';
import { chinaDay } from '../../src/domain/rules';
import { fromHex, hmacSha256, sha256, toHex, utf8 } from '../../src/domain/sha256';

const hex = (s: string): Uint8Array => fromHex(s)!;
const repeat = (byte: number, n: number): Uint8Array => new Uint8Array(n).fill(byte);

describe('sha256', () => {
  test.each([
    ['', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
    ['abc', 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'],
    [
      'abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq',
      '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
    ],
  ])('should match the FIPS 180-4 example for %j', (text, digest) => {
    expect(toHex(sha256(utf8(text)))).toBe(digest);
  });

  test('should agree with Node on any bytes, across block boundaries', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        expect(toHex(sha256(bytes))).toBe(createHash('sha256').update(bytes).digest('hex'));
      }),
    );
  });
});

describe('hmacSha256', () => {
  // RFC 4231 section 4: test cases 1–4, 6 and 7 (5 is a truncated output).
  test.each([
    ['1', repeat(0x0b, 20), utf8('Hi There'), 'b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7'],
    [
      '2',
      utf8('Jefe'),
      utf8('what do ya want for nothing?'),
      '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843',
    ],
    ['3', repeat(0xaa, 20), repeat(0xdd, 50), '773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe'],
    [
      '4',
      hex('0102030405060708090a0b0c0d0e0f10111213141516171819'),
      repeat(0xcd, 50),
      '82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b',
    ],
    [
      '6',
      repeat(0xaa, 131),
      utf8('Test Using Larger Than Block-Size Key - Hash Key First'),
      '60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54',
    ],
    [
      '7',
      repeat(0xaa, 131),
      utf8(
        'This is a test using a larger than block-size key and a larger than block-size data. The key needs to be hashed before being used by the HMAC algorithm.',
      ),
      '9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2',
    ],
  ])('should match RFC 4231 test case %s', (_case, key, data, mac) => {
    expect(toHex(hmacSha256(key, data))).toBe(mac);
    expect(createHmac('sha256', key).update(data).digest('hex')).toBe(mac);
  });

  test('should agree with Node (the cloud) for any key and message', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), fc.string({ unit: 'grapheme', maxLength: 80 }), (key, text) => {
        expect(toHex(hmacSha256(key, utf8(text)))).toBe(createHmac('sha256', key).update(text, 'utf8').digest('hex'));
      }),
    );
  });
});

describe('an offline code', () => {
  const key = { cardId: 'card-1', keyNo: '0420017', secret: 'ab'.repeat(32) };
  const at = Date.UTC(2026, 11, 2, 12, 0, 10);

  test('should be what the cloud computes with Node for its window, and never an online code', () => {
    const c = deriveOfflineCode(key, at)!;
    const window = Math.floor(at / OFFLINE_WINDOW_MS);
    const mac = createHmac('sha256', Buffer.from(key.secret, 'hex'))
      .update(offlineMessage(key.cardId, key.keyNo, window))
      .digest();
    const fromCloud = offlineCodeFromMac(key.keyNo, mac);
    expect(c.code).toBe(fromCloud.code);
    expect(c.qr).toBe(`GCP1.${fromCloud.code}.${fromCloud.tag}`);
    expect(c.refreshAt).toBe((window + 1) * OFFLINE_WINDOW_MS);
    expect(c.expiresAt).toBe((window + 2) * OFFLINE_WINDOW_MS);
    expect(isWellFormedOfflineCode(c.code)).toBe(true);
    expect(isWellFormedPayCode(c.code)).toBe(false);
    expect(parsePayInput(c.qr)).toBeNull();
    expect(parseOfflineInput(c.qr)).toEqual({ code: c.code, keyNo: key.keyNo, tag: fromCloud.tag });
    expect(parseOfflineInput(c.code.replace(/(\d{4})/g, '$1 '))).toEqual({ code: c.code, keyNo: key.keyNo, tag: null });
    expect(offlineInputMatches(parseOfflineInput(c.qr)!, mac)).toBe(true);
    expect(offlineInputMatches(parseOfflineInput(c.code)!, mac)).toBe(true);
    // Within the window the same; the next window another.
    expect(deriveOfflineCode(key, at + 1_000)!.code).toBe(c.code);
    expect(deriveOfflineCode(key, at + OFFLINE_WINDOW_MS)!.code).not.toBe(c.code);
  });

  test('should never parse an online code as offline, nor the other way round', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 32, maxLength: 32 }), (bytes) => {
        const online = payCodeFromBytes(bytes);
        if (online) expect(parseOfflineInput(online)).toBeNull();
      }),
    );
  });

  test('should refuse malformed key material rather than show a wrong code', () => {
    expect(deriveOfflineCode({ ...key, secret: 'xy'.repeat(32) }, at)).toBeNull();
    expect(deriveOfflineCode({ ...key, secret: 'ab' }, at)).toBeNull();
    expect(deriveOfflineCode({ ...key, keyNo: '123' }, at)).toBeNull();
  });

  test('should allow offline what the cap had left that day, a full cap on another day, never more than the balance', () => {
    const view = { dailyCap: fen(20_000), capLeft: fen(5_000), capDay: chinaDay(at), balance: fen(30_000) };
    expect(offlineAllowance(view, at)).toBe(5_000);
    expect(offlineAllowance(view, at + 24 * 3_600_000)).toBe(20_000);
    expect(offlineAllowance({ ...view, balance: fen(3_000) }, at)).toBe(3_000);
  });
});
