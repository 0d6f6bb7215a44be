/**
 * Buying on the mini-program build in the headless simulator: a custom amount and a blessing on the
 * brand page's sheet, paid through wx.requestPayment (the local cloud's simulated WeChat Pay, which
 * notifies payCallback as WeChat Pay does), the card in the wallet tab with its blessing, and its
 * refund confirmed in wx.showModal — all calls through wx.cloud.callFunction as alice.
 */
import { checkMoneyInvariants } from '../cloud/support/money-invariants';
import { ACCEPT_SUBSCRIPTIONS } from '../../tools/weapp-sim/src/wx-api';
import { weappStage } from './support/stage';

jest.setTimeout(60_000);

const stage = weappStage();

test('should buy a custom-amount card with a blessing, pay with requestPayment, find it in the wallet and refund it', async () => {
  const phone = await stage.phone('alice', 'pages/brand/index', { id: 'brand-lanshan-coffee' }, ACCEPT_SUBSCRIPTIONS);
  await phone.tap('立即购买');
  await phone.type(await phone.field('整数金额'), '88');
  await phone.type(await phone.field('祝福'), '阿满，生日快乐！咖啡管够');
  await phone.waitForText('合计¥88');
  await phone.tap('去支付');

  // WeChat's pay sheet took the payment; the order is settled and the result replaces the brand page.
  await phone.waitForText('支付成功');
  expect(phone.stackRoutes()).toEqual(['pages/result/index']);
  expect(phone.text()).toContain('¥88');

  await phone.tap('去卡包');
  await phone.waitForRoute('pages/wallet/index');
  await phone.waitForText('¥88');
  await phone.tap('¥88');
  await phone.waitForRoute('pages/card/index');
  await phone.waitForText('阿满，生日快乐！咖啡管够');
  expect(phone.text()).toContain('购卡激活');

  await phone.tap('申请退款');
  await phone.waitForText(/退款处理中|已退款/);
  expect(phone.modals).toEqual([
    { title: '确认退款', content: '将退回 ¥88 至原支付账户，卡片立即作废。', confirm: true },
  ]);
  expect(phone.text()).toContain('当前余额（元）0');
  expect(phone.errors).toEqual([]);
  await checkMoneyInvariants(stage.cloud);
});
