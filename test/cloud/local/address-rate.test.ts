/** The gateway's rate per anonymous address (gateway/caller-limit.ts), on a clock the test moves. */
import { AddressRate } from '../../../cloudfunctions/local/gateway/caller-limit';

test('should let an address burst to twice its rate, then one call per 1/rate seconds, each address its own', () => {
  let now = 0;
  const rate = new AddressRate(10, () => now);
  const takes = (address: string, n: number) =>
    Array.from({ length: n }, () => rate.tryTake(address)).filter(Boolean).length;
  expect(takes('addr:a', 25)).toBe(20);
  expect(takes('addr:b', 5)).toBe(5);
  now += 100; // a tenth of a second: one more call
  expect(takes('addr:a', 3)).toBe(1);
  now += 10_000; // refilled, never past the burst
  expect(takes('addr:a', 25)).toBe(20);
});

test('should let every call through at rate 0 (the limit off)', () => {
  const rate = new AddressRate(0, () => 0);
  expect(Array.from({ length: 1000 }, () => rate.tryTake('addr:a')).every(Boolean)).toBe(true);
});
