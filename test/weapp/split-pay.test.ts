/**
 * Split payment at the till on the mini-program build in the headless simulator, each person a phone
 * calling functions through wx.cloud.callFunction: alice shows the pay code of her ¥30 蓝山咖啡 card;
 * carol scans it (wx.scanCode) and enters a ¥45 bill; the cloud takes the ¥30 off the card and
 * alice's phone asks for the ¥15 left, which she pays in WeChat's sheet (wx.requestPayment: the local
 * cloud's simulated WeChat Pay takes it and notifies payCallback as WeChat Pay does) — never the local
 * pay sheet of H5. Both phones then show one receipt. Declined instead, the card's ¥30 goes back
 * (a REDEEM and a REFUND entry) and the till says so. The money invariants hold after each.
 */
import jsQR from 'jsqr';
import type { LedgerEntry } from '../../src/domain/ledger';
import type { SplitRedemption } from '../../cloudfunctions/core/redeem/split';
import { allDocs, checkMoneyInvariants } from '../cloud/support/money-invariants';
import { spentCard } from '../e2e/support/people';
import type { WeappSim } from '../../tools/weapp-sim/src/sim';
import { weappStage } from './support/stage';

jest.setTimeout(90_000);

const stage = weappStage();

/** Alice's pay code page for a ¥30 card (bought at ¥50, ¥20 spent), and what a scanner reads off it. */
async function aliceShowsThirtyYuan(): Promise<{ alice: WeappSim; cardId: string; payload: string }> {
  const cardId = await spentCard(stage.cloud, await stage.cloud.login('alice'), 5_000, 3_000);
  const alice = await stage.phone('alice', 'pages/paycode/index', { cardId });
  await alice.waitForText('卡内余额¥30.00');
  const canvas = await alice.waitForDrawing();
  const payload = jsQR(canvas.pixels, canvas.width, canvas.height)?.data ?? '';
  expect(payload).toMatch(/^GCP1\.[1-9]\d{15}\.[0-9a-f]{16}$/);
  return { alice, cardId, payload };
}

/** Carol scans the code on the till and enters a ¥45 bill: ¥15 beyond the card, asked of the holder. */
async function carolBillsFortyFive(payload: string): Promise<WeappSim> {
  const carol = await stage.tillScanning(payload);
  await carol.waitForText('卡内余额¥30');
  await carol.type(await carol.field('最多'), '45');
  await carol.waitForText('卡内余额不足，差额 ¥15 将请顾客微信支付');
  await carol.tap('确认收款');
  await carol.waitForText('等待顾客微信支付¥15');
  return carol;
}

/** The card's last four digits, as the receipt shows them. */
async function last4Of(cardId: string): Promise<string> {
  const card = (await allDocs<{ _id: string; last4: string }>(stage.cloud, 'cards')).find((c) => c._id === cardId)!;
  return card.last4;
}

test('should pay a ¥45 bill with the ¥30 card and the ¥15 left through requestPayment, one receipt on both phones', async () => {
  const { alice, cardId, payload } = await aliceShowsThirtyYuan();
  const carol = await carolBillsFortyFive(payload);
  const cardLine = `卡 •••• ${await last4Of(cardId)}余额 ¥0¥30`;

  // Alice's phone asks for the ¥15 left, the card's ¥30 already taken.
  await alice.waitForText('余额不足，请补足差额');
  expect(alice.text()).toContain('蓝山咖啡 国贸店 收款 ¥45¥15');
  expect(alice.text()).toContain(cardLine);
  await alice.tap('微信支付 ¥15');

  // WeChat's sheet took it (requestPayment), not the local cloud's H5 sheet; the cloud settled it.
  await alice.waitForText('支付成功¥45.00');
  expect(alice.text()).not.toContain('本地模拟支付');
  const receipt = `${cardLine}微信支付¥15合计¥45`;
  expect(alice.text()).toContain(receipt);
  expect(alice.text()).toContain('卡内余额¥0.00');
  const paid = alice.calls.filter((c) => c.api === 'cloud.callFunction').map((c) => c.args);
  expect(paid).toEqual(expect.arrayContaining([{ name: 'wallet', action: 'payRemainder' }]));

  await carol.waitForText('收款成功¥45');
  expect(carol.text()).toContain(receipt);

  const code = payload.split('.')[1]!;
  const redemption = (await allDocs<SplitRedemption>(stage.cloud, 'redemptions')).find((r) => r._id === code)!;
  expect(redemption).toMatchObject({ state: 'completed', amount: 4_500, remainder: { amount: 1_500, state: 'paid' } });
  expect(alice.errors).toEqual([]);
  expect(carol.errors).toEqual([]);
  await checkMoneyInvariants(stage.cloud);
});

test('should give the card’s ¥30 back when alice declines the remainder, and tell the clerk', async () => {
  const { alice, cardId, payload } = await aliceShowsThirtyYuan();
  const carol = await carolBillsFortyFive(payload);

  await alice.waitForText('余额不足，请补足差额');
  await alice.tap('不付了');
  await alice.waitForText('已取消本次付款，卡内扣款已全部退回');
  await carol.waitForText('本次收款未完成，卡内扣款已全部退回顾客');

  // Both ways in the ledger, the balance whole again, and no payment asked of WeChat.
  const entries = (await allDocs<LedgerEntry>(stage.cloud, 'ledger')).filter((e) => e.cardId === cardId);
  const code = payload.split('.')[1]!;
  expect(entries.filter((e) => e.ref === code).map((e) => [e.type, e.amount])).toEqual(
    expect.arrayContaining([
      ['REDEEM', -3_000],
      ['REFUND', 3_000],
    ]),
  );
  expect(entries.filter((e) => e.ref === code)).toHaveLength(2);
  await alice.waitForText('卡内余额¥30.00');
  expect(alice.calls.map((c) => c.args)).not.toContainEqual({ name: 'wallet', action: 'payRemainder' });
  expect(alice.errors).toEqual([]);
  expect(carol.errors).toEqual([]);
  await checkMoneyInvariants(stage.cloud);
});
