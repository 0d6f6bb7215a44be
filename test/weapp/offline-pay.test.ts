/**
 * The offline pay code on the mini-program build in the headless simulator: alice opens the pay code
 * of her 蓝山咖啡 card while her phone is online (it gets its offline key, kept with wx.setStorage),
 * then the phone loses its network — wx.getNetworkType says "none", the app's
 * wx.onNetworkStatusChange listener hears it and wx.cloud.callFunction fails as WeChat fails it. The
 * page says it is offline and what the offline cap allows, and shows a code derived on the phone,
 * which carol's till (online) takes ¥25 with; the same code again is refused as used. With the
 * network still off the code moves on to the next 30-second window; back online, online codes again.
 */
import jsQR from 'jsqr';
import type { WalletActions } from '../../src/contracts/wallet';
import { checkMoneyInvariants } from '../cloud/support/money-invariants';
import { paidCard } from '../e2e/support/people';
import type { WeappSim } from '../../tools/weapp-sim/src/sim';
import { weappStage } from './support/stage';

jest.setTimeout(120_000);

const stage = weappStage();

const ONLINE = /^GCP1\.[1-9]\d{15}\.[0-9a-f]{16}$/;
const OFFLINE = /^GCP1\.0\d{15}\.[0-9a-f]{16}$/;

/** What a scanner reads off the phone's QR canvas once it shows a code `wanted` accepts (polled: it redraws). */
async function scanWhen(phone: WeappSim, wanted: (payload: string) => boolean, timeoutMs = 8_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  for (;;) {
    const canvas = await phone.waitForDrawing();
    last = jsQR(canvas.pixels, canvas.width, canvas.height)?.data ?? '';
    if (wanted(last)) return last;
    if (Date.now() > deadline) throw new Error(`the QR code still reads "${last}"`);
    await phone.settle(100);
  }
}

test('should show an offline code with no network, which the clerk redeems online once', async () => {
  const aliceToken = await stage.cloud.login('alice');
  const cardId = await paidCard(stage.cloud, aliceToken, 10_000);

  // 1. Online: an online code, and this phone is given its offline key for the card, kept in its storage.
  const alice = await stage.phone('alice', 'pages/card/index', { id: cardId });
  await alice.tap('到店付款');
  await alice.waitForRoute('pages/paycode/index');
  await scanWhen(alice, (p) => ONLINE.test(p));
  await alice.poll(
    () => alice.storage.get(`gcp-offline-key:${cardId}`),
    () => 'no offline key stored',
  );
  const stored = JSON.parse(alice.storage.get(`gcp-offline-key:${cardId}`)!) as Record<string, unknown>;
  expect(stored).toMatchObject({ cardId, keyNo: expect.stringMatching(/^\d{7}$/), dailyCap: 20_000 });

  // 2. The network goes while the code shows: the page says so, with what the offline cap allows
  // (the balance, below ¥200).
  await alice.setNetwork('none');
  await alice.waitForText('离线付款码当前无网络 · 今日离线最多可付 ¥100.00');
  const payload = await scanWhen(alice, (p) => OFFLINE.test(p));
  expect(payload.split('.')[1]!.slice(1, 8)).toBe(stored.keyNo);
  const calls = alice.calls.length;

  // 3. Carol's till is online: it takes ¥25 with the offline code, bounded by the offline cap.
  const carol = await stage.tillScanning(payload);
  await carol.waitForText('离线付款码：本次最多收款 ¥200');
  await carol.type(await carol.field('最多'), '25');
  await carol.tap('确认收款');
  await carol.waitForText('收款成功¥25');
  expect(carol.text()).toContain('卡内剩余 ¥75');
  // 4. The same offline code again: refused, with its own title.
  await carol.tap('继续收款');
  await carol.tap('扫码收款');
  await carol.waitForText('离线付款码已使用');

  // 5. Still offline, the code moves on to the next 30-second window by itself, from the same key,
  // and nothing reached the cloud from alice's phone meanwhile.
  const next = await scanWhen(alice, (p) => p !== payload, 35_000);
  expect(next).toMatch(OFFLINE);
  expect(next.split('.')[1]!.slice(1, 8)).toBe(stored.keyNo);
  expect(alice.text()).toContain('离线付款码');
  expect(alice.calls.slice(calls).filter((c) => c.api === 'cloud.callFunction')).toEqual([]);

  // 6. Closed and opened again from the card page, still with no network: an offline code at once
  // (what it allows is as of the key's issue: offline, the phone can't know of the ¥25 just paid).
  await alice.navigateBackAndSettle();
  await alice.tap('到店付款');
  await alice.waitForText('离线付款码当前无网络 · 今日离线最多可付 ¥100.00');
  const reopened = await scanWhen(alice, (p) => OFFLINE.test(p));
  expect(reopened.split('.')[1]!.slice(1, 8)).toBe(stored.keyNo);

  // 7. Back online: online codes again.
  await alice.setNetwork('wifi');
  await scanWhen(alice, (p) => ONLINE.test(p));
  await alice.poll(
    () => (alice.text().includes('离线付款码') ? undefined : true),
    () => 'still shown as offline',
  );

  const detail = await stage.cloud.call<{ ok: true; data: WalletActions['detail']['output'] }>(
    'wallet',
    { action: 'detail', cardId },
    aliceToken,
  );
  expect(detail.data.card.balance).toBe(7_500);
  expect(alice.errors).toEqual([]);
  expect(carol.errors).toEqual([]);
  await checkMoneyInvariants(stage.cloud);
});
