/**
 * Staff roles on the mini-program: there is no session there, the identity is the platform's
 * OPENID, so the wallet's answer says whether the caller is staff. A holder's wallet never asks
 * for a staff profile (it would be refused); a clerk's asks once and shows the way into 商户收款.
 */
import type { WeappSim } from '../../tools/weapp-sim/src/sim';
import { weappStage } from './support/stage';

jest.setTimeout(60_000);

const stage = weappStage();

/** The functions the phone called, as `function.action`. */
function functionCalls(phone: WeappSim): string[] {
  return phone.calls
    .filter((c) => c.api === 'cloud.callFunction')
    .map((c) => {
      const { name, action } = c.args as { name: string; action?: string };
      return `${name}.${action ?? ''}`;
    });
}

test('should never ask a holder for a staff profile on the mini-program wallet', async () => {
  const alice = await stage.phone('alice', 'pages/wallet/index');
  await alice.waitForText('可用余额');
  expect(functionCalls(alice)).toContain('wallet.list');
  expect(functionCalls(alice)).not.toContain('merchant.profile');
  expect(alice.text()).not.toContain('商户收款');
  expect(alice.errors).toEqual([]);
});

test('should ask a clerk for the staff profile once and show the way into 商户收款', async () => {
  const carol = await stage.phone('carol', 'pages/wallet/index');
  await carol.waitForText('商户收款');
  const calls = functionCalls(carol);
  expect(calls.filter((c) => c === 'merchant.profile')).toHaveLength(1);
  // Asked after the wallet said so, never before.
  expect(calls.indexOf('wallet.list')).toBeLessThan(calls.indexOf('merchant.profile'));
  expect(carol.errors).toEqual([]);
});
