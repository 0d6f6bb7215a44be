/**
 * The group gift's claims as its claimers see them (issue 21, item 3), through the real SDK against
 * the local cloud: who got how much, to those who claimed and to the sender only, and 手气最佳 once
 * every 拼手气 share is claimed — with the money invariants after each test.
 */
import type { GiftsActions } from '../../../src/contracts/gifts';
import { calls } from '../support/calls';
import type { TestCloud } from '../support/local-cloud';
import { cloudPerFile } from '../support/cloud-per-file';

jest.setTimeout(120_000);

let cloud: TestCloud;
const { ok, sendGift } = calls(() => cloud);

type Out<A extends keyof GiftsActions> = GiftsActions[A]['output'];

cloudPerFile((c) => (cloud = c));

async function group(sender: string, shareMode: 'random' | 'equal'): Promise<string> {
  return (await sendGift(sender, { mode: 'group', shares: 3, shareMode, blessing: '新年快乐' })).token;
}

const view = (who: string, token: string) => ok<Out<'view'>>(who, 'gifts', { action: 'view', token });

test('should show the claims to claimers and the sender, and 手气最佳 only once every share is claimed', async () => {
  const token = await group('b-alice', 'random');
  await ok('b-1', 'gifts', { action: 'claim', token, name: '一号' });
  await ok('b-2', 'gifts', { action: 'claim', token, name: '二号' });
  const partly = await view('b-1', token);
  expect(partly.gift.claims?.map((c) => c.name)).toEqual(['一号', '二号']);
  expect(partly.gift.claims?.some((c) => c.best)).toBe(false);
  // Someone who claimed nothing sees no names.
  expect((await view('b-outsider', token)).gift.claims).toBeUndefined();

  await ok('b-3', 'gifts', { action: 'claim', token, name: '三号' });
  for (const who of ['b-1', 'b-3', 'b-alice']) {
    const claims = (await view(who, token)).gift.claims!;
    expect(claims.map((c) => c.name)).toEqual(['一号', '二号', '三号']);
    expect(claims.reduce((sum, c) => sum + c.amount, 0)).toBe(10_000);
    const best = claims.filter((c) => c.best);
    expect(best).toHaveLength(1);
    expect(best[0]!.amount).toBe(Math.max(...claims.map((c) => c.amount)));
  }
});

test('should name no 手气最佳 among equal shares', async () => {
  const token = await group('b-equal', 'equal');
  for (const who of ['b-e1', 'b-e2', 'b-e3']) await ok(who, 'gifts', { action: 'claim', token, name: who });
  const claims = (await view('b-e2', token)).gift.claims!;
  expect(claims).toHaveLength(3);
  expect(claims.some((c) => c.best)).toBe(false);
});
