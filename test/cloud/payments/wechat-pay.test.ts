/**
 * The payments adapter — the only one, production's — run through the real wx-server-sdk inside a
 * function invocation (fixture `payAdapter`) against the local cloud's WeChat Pay, with every answer
 * shape cloudPay gives: errCode is 0 on every answer (the SDK overwrites WeChat Pay's err_code),
 * business refusals arrive as resultCode FAIL with only errCodeDes left, closing is refused in an
 * order's first 5 minutes, queryRefund's lists are empty while a refund is processing. Also pinned
 * here: notifications reach the callback as SOURCE wx_paycallback and are retried on WeChat Pay's
 * schedule, on the local clock, until acknowledged.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { PaymentRequest } from '../../../src/contracts/orders';
import { fromWechatTime, toWechatTime } from '../../../cloudfunctions/core/payments/wechat-pay';
import { RETRY_GAPS_MS } from '../../../cloudfunctions/local/pay/pay-system';
import type { AdapterCall } from './functions/payAdapter';
import { calls, waitFor } from '../support/calls';
import { startTestCloud, tempDataDir, type TestCloud } from '../support/local-cloud';

jest.setTimeout(60_000);

let cloud: TestCloud;
let logFile: string;
const { testApi } = calls(() => cloud);

const BUYER = 'u-payer';
let seq = 0;
/** A fresh out_trade_no (WeChat Pay allows 32 characters). */
const tradeNo = (tag = 'o'): string => `${tag}${Date.now().toString(36)}${++seq}`.slice(0, 32);

interface AdapterAnswer {
  answer?: Record<string, unknown>;
  result?: unknown;
  paymentError?: { reason: string; message: string };
  thrown?: { errCode: unknown; errMsg: unknown };
}

async function run(call: AdapterCall, openId = BUYER, source = 'wx_client'): Promise<AdapterAnswer> {
  return (await cloud.runtime.invoke(
    'payAdapter',
    call,
    { openId, appId: 'wx-test', source },
    cloud.clock.offsetMs,
  )) as AdapterAnswer;
}

const port = async (method: NonNullable<AdapterCall['port']>, ...args: unknown[]): Promise<unknown> => {
  const a = await run({ port: method, args });
  if (a.paymentError || a.thrown) throw new Error(`${method}: ${JSON.stringify(a)}`);
  return a.result;
};
const raw = async (api: NonNullable<AdapterCall['raw']>, params: Record<string, unknown>) =>
  (await run({ raw: api, params })).answer!;

const newPayment = (outTradeNo: string, totalFee = 5_000) => ({
  outTradeNo,
  totalFee,
  description: '蓝山咖啡 心意卡 ×1',
  callbackFunction: 'payCallback',
  expireAt: cloud.clock.now() + 15 * 60_000,
  clientIp: '10.0.0.1',
});

async function createAndPay(outTradeNo: string, totalFee = 5_000): Promise<void> {
  await port('createPayment', newPayment(outTradeNo, totalFee));
  await testApi('pay/confirm', { outTradeNo });
}

interface Delivery {
  source: string;
  outTradeNo: string;
  outRefundNo: string | null;
}
const deliveries = (outTradeNo: string): Delivery[] =>
  (fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8').trim().split('\n') : [])
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Delivery)
    .filter((d) => d.outTradeNo === outTradeNo);
const settle = (ms = 200): Promise<void> => new Promise((r) => setTimeout(r, ms));

beforeAll(async () => {
  const dir = tempDataDir();
  logFile = path.join(dir, 'notifications.jsonl');
  cloud = await startTestCloud({
    functionsDir: path.join(__dirname, 'functions'),
    functionSettings: { PAY_LOG: logFile },
    triggers: false,
  });
});

afterAll(async () => {
  await cloud.close();
});

test('should write times as WeChat Pay does, in China time, and read them back', () => {
  const at = Date.UTC(2026, 10, 22, 16, 5, 9);
  expect(toWechatTime(at)).toBe('20261123000509');
  expect(fromWechatTime('20261123000509')).toBe(at);
  expect(fromWechatTime('bad')).toBeNull();
});

describe('unifiedOrder', () => {
  test('should answer the calling user’s order with requestPayment’s parameters and errCode 0', async () => {
    const no = tradeNo();
    const answer = await raw('unifiedOrder', {
      body: '蓝山咖啡 心意卡 ×1',
      outTradeNo: no,
      spbillCreateIp: '10.0.0.1',
      subMchId: '1900000110',
      totalFee: 12_300,
      envId: 'local',
      functionName: 'payCallback',
      nonceStr: 'n0nce',
      tradeType: 'JSAPI',
    });
    expect(answer).toMatchObject({
      returnCode: 'SUCCESS',
      resultCode: 'SUCCESS',
      errCode: 0,
      errMsg: 'cloudPay.unifiedOrder:ok',
      tradeType: 'JSAPI',
      subMchId: '1900000110',
      prepayId: expect.stringMatching(/^wx\d{14}[0-9a-f]{20}$/),
    });
    expect(answer.payment).toEqual({
      appId: 'wx-test',
      timeStamp: expect.stringMatching(/^\d{10}$/),
      nonceStr: expect.any(String),
      package: `prepay_id=${String(answer.prepayId)}`,
      signType: 'MD5',
      paySign: expect.stringMatching(/^[0-9A-F]{32}$/),
    });
    // The payer is the invoking user: cloudPay takes no openid from the function.
    expect(cloud.pay.order(no)).toMatchObject({ openId: BUYER, totalFee: 12_300, state: 'NOTPAY' });
  });

  test('should hand the app exactly what wx.requestPayment takes, and the same again for a repeat', async () => {
    const no = tradeNo();
    const first = (await port('createPayment', newPayment(no))) as PaymentRequest;
    expect(Object.keys(first).sort()).toEqual(['nonceStr', 'package', 'paySign', 'signType', 'timeStamp']);
    expect(first.package).toBe(`prepay_id=${cloud.pay.order(no)!.payToken}`);
    const again = (await port('createPayment', newPayment(no))) as PaymentRequest;
    expect(again.package).toBe(first.package);
  });

  test('should refuse a payment asked for outside a user’s invocation, or for an order already paid', async () => {
    const timer = await run({ port: 'createPayment', args: [newPayment(tradeNo())] }, '', 'wx_trigger');
    expect(timer.paymentError?.reason).toBe('RETURN_FAIL');
    const no = tradeNo();
    await createAndPay(no);
    const paid = await run({ port: 'createPayment', args: [newPayment(no)] });
    expect(paid.paymentError).toMatchObject({ reason: 'FAIL', message: expect.stringContaining('订单已支付') });
  });
});

describe('queryOrder', () => {
  test('should read ORDERNOTEXIST, which arrives as errCode 0, as NOTFOUND', async () => {
    const no = tradeNo();
    const answer = await raw('queryOrder', { subMchId: '1900000110', outTradeNo: no, nonceStr: 'n' });
    expect(answer).toMatchObject({
      returnCode: 'SUCCESS',
      resultCode: 'FAIL',
      errCode: 0,
      errCodeDes: 'order not exist',
    });
    expect(answer).not.toHaveProperty('tradeState');
    expect(await port('queryPayment', no)).toEqual({ state: 'NOTFOUND', totalFee: 0, transactionId: '', paidAt: null });
  });

  test('should report an unpaid and then a paid order with WeChat Pay’s amount, transaction and time', async () => {
    const no = tradeNo();
    await port('createPayment', newPayment(no, 8_800));
    expect(await port('queryPayment', no)).toEqual({
      state: 'NOTPAY',
      totalFee: 8_800,
      transactionId: '',
      paidAt: null,
    });
    const before = cloud.clock.now();
    await testApi('pay/confirm', { outTradeNo: no });
    const answer = await raw('queryOrder', { subMchId: '1900000110', outTradeNo: no, nonceStr: 'n' });
    expect(answer).toMatchObject({ errCode: 0, resultCode: 'SUCCESS', tradeState: 'SUCCESS', cashFee: 8_800 });
    const status = (await port('queryPayment', no)) as { state: string; transactionId: string; paidAt: number };
    expect(status).toMatchObject({
      state: 'SUCCESS',
      totalFee: 8_800,
      transactionId: expect.stringMatching(/^4200\d{24}$/),
    });
    // time_end has whole seconds.
    expect(Math.abs(status.paidAt - before)).toBeLessThan(2_000);
  });
});

describe('closeOrder', () => {
  test('should be refused in the order’s first 5 minutes (still open), and close it afterwards', async () => {
    const no = tradeNo();
    await port('createPayment', newPayment(no));
    // "订单生成后不能马上调用关单接口，最短调用时间间隔为5分钟" — WeChat Pay v2 关闭订单, 注意
    // (pay.weixin.qq.com/wiki/doc/api/jsapi.php?chapter=9_3; also wechatpay.js.org/openapi/v2/pay/closeorder).
    // No err_code is documented for it, so the local cloud answers result_code FAIL, err_code SYSTEMERROR
    // with that sentence; errCode arrives as 0 anyway, and the adapter asks about the order instead.
    const early = await raw('closeOrder', { subMchId: '1900000110', outTradeNo: no, nonceStr: 'n' });
    expect(early).toMatchObject({
      returnCode: 'SUCCESS',
      resultCode: 'FAIL',
      errCode: 0,
      errCodeDes: expect.stringContaining('5分钟'),
    });
    expect(await port('closePayment', no)).toBe('open');
    expect(cloud.pay.order(no)?.state).toBe('NOTPAY');
    cloud.clock.advance(5 * 60_000);
    expect(await port('closePayment', no)).toBe('closed');
    expect(await port('queryPayment', no)).toMatchObject({ state: 'CLOSED' });
    // ORDERCLOSED on a second close is still closed.
    const again = await raw('closeOrder', { subMchId: '1900000110', outTradeNo: no, nonceStr: 'n' });
    expect(again).toMatchObject({ resultCode: 'FAIL', errCode: 0 });
    expect(await port('closePayment', no)).toBe('closed');
  });

  test('should answer ORDERPAID as errCode 0, read by the adapter as paid', async () => {
    const no = tradeNo();
    await createAndPay(no);
    cloud.clock.advance(5 * 60_000);
    const answer = await raw('closeOrder', { subMchId: '1900000110', outTradeNo: no, nonceStr: 'n' });
    expect(answer).toMatchObject({ returnCode: 'SUCCESS', resultCode: 'FAIL', errCode: 0, errCodeDes: '订单已支付' });
    expect(await port('closePayment', no)).toBe('paid');
    expect(cloud.pay.order(no)?.state).toBe('SUCCESS');
  });

  test('should take an order WeChat Pay never had as closed', async () => {
    expect(await port('closePayment', tradeNo())).toBe('closed');
  });
});

describe('refund and queryRefund', () => {
  afterEach(async () => {
    await testApi('pay/delivery', { refundProcessingMs: 500 });
  });

  test('should list nothing while a refund is processing, then SUCCESS with its amount', async () => {
    await testApi('pay/delivery', { refundProcessingMs: 60_000 });
    const no = tradeNo();
    await createAndPay(no, 6_000);
    const refund = {
      outTradeNo: no,
      outRefundNo: `R${no}`,
      totalFee: 6_000,
      refundFee: 6_000,
      callbackFunction: 'payCallback',
    };
    expect(await port('refund', refund)).toEqual({ accepted: true, state: 'PROCESSING' });
    const processing = await raw('queryRefund', {
      subMchId: '1900000110',
      outRefundNo: refund.outRefundNo,
      nonceStr: 'n',
    });
    expect(processing).toMatchObject({
      returnCode: 'SUCCESS',
      resultCode: 'SUCCESS',
      errCode: 0,
      refundCount: 0,
      outRefundNoList: [],
      refundStatusList: [],
      refundFeeList: [],
    });
    expect(processing).not.toHaveProperty('refundStatus_0');
    expect(await port('queryRefund', refund.outRefundNo)).toEqual({ state: 'PROCESSING', refundFee: 0 });
    cloud.clock.advance(60_000);
    await waitFor('the refund to complete', async () =>
      cloud.pay.refundRecord(refund.outRefundNo)?.state === 'SUCCESS' ? true : undefined,
    );
    const done = await raw('queryRefund', { subMchId: '1900000110', outRefundNo: refund.outRefundNo, nonceStr: 'n' });
    expect(done).toMatchObject({
      errCode: 0,
      refundCount: 1,
      outRefundNoList: [refund.outRefundNo],
      refundStatusList: ['SUCCESS'],
      refundFeeList: [6_000],
    });
    expect(await port('queryRefund', refund.outRefundNo)).toEqual({ state: 'SUCCESS', refundFee: 6_000 });
    expect(await port('queryPayment', no)).toMatchObject({ state: 'REFUND' });
    // The same refund number asked again is the same refund.
    expect(await port('refund', refund)).toEqual({ accepted: true, state: 'PROCESSING' });
    expect(cloud.pay.refundsOf(no)).toHaveLength(1);
  });

  test('should take only CHANGE and REFUNDCLOSE as failed, and a status it doesn’t know as still processing', async () => {
    await testApi('pay/delivery', { refundProcessingMs: 60_000 });
    const no = tradeNo();
    await createAndPay(no, 2_000);
    const outRefundNo = `R${no}`;
    await port('refund', {
      outTradeNo: no,
      outRefundNo,
      totalFee: 2_000,
      refundFee: 2_000,
      callbackFunction: 'payCallback',
    });
    const listed = async (status: string) => {
      await testApi('pay/refund-status', { outRefundNo, status });
      return port('queryRefund', outRefundNo);
    };
    // A refund is never taken as failed on a guess: that would strand a voided card with an operator.
    expect(await listed('SOMETHING_NEW')).toEqual({ state: 'PROCESSING', refundFee: 2_000 });
    expect(await listed('')).toEqual({ state: 'PROCESSING', refundFee: 2_000 });
    expect(await listed('CHANGE')).toEqual({ state: 'FAILED', refundFee: 2_000 });
    expect(await listed('REFUNDCLOSE')).toEqual({ state: 'FAILED', refundFee: 2_000 });
    expect(await listed('SUCCESS')).toEqual({ state: 'SUCCESS', refundFee: 2_000 });
  });

  test('should read REFUNDNOTEXIST as NOTFOUND and raise a refused refund', async () => {
    const unknown = await raw('queryRefund', { subMchId: '1900000110', outRefundNo: 'Rnothing', nonceStr: 'n' });
    expect(unknown).toMatchObject({ resultCode: 'FAIL', errCode: 0, errCodeDes: 'not exist' });
    expect(await port('queryRefund', 'Rnothing')).toEqual({ state: 'NOTFOUND', refundFee: 0 });
    const unpaid = tradeNo();
    await port('createPayment', newPayment(unpaid));
    const refused = await run({
      port: 'refund',
      args: [
        {
          outTradeNo: unpaid,
          outRefundNo: `R${unpaid}`,
          totalFee: 5_000,
          refundFee: 5_000,
          callbackFunction: 'payCallback',
        },
      ],
    });
    expect(refused.paymentError).toMatchObject({ reason: 'FAIL', message: expect.stringContaining('订单状态错误') });
    const paid = tradeNo();
    await createAndPay(paid, 1_000);
    const tooMuch = await run({
      port: 'refund',
      args: [
        {
          outTradeNo: paid,
          outRefundNo: `R${paid}`,
          totalFee: 1_000,
          refundFee: 1_001,
          callbackFunction: 'payCallback',
        },
      ],
    });
    expect(tooMuch.paymentError?.reason).toBe('FAIL');
  });
});

describe('notifications', () => {
  test('should reach the callback as wx_paycallback once when acknowledged, for payments and refunds', async () => {
    const no = tradeNo('ook');
    await createAndPay(no, 3_000);
    await waitFor('the payment notification', async () => (deliveries(no).length > 0 ? true : undefined));
    await port('refund', {
      outTradeNo: no,
      outRefundNo: `R${no}`,
      totalFee: 3_000,
      refundFee: 3_000,
      callbackFunction: 'payCallback',
    });
    await waitFor('the refund notification', async () => (deliveries(no).length > 1 ? true : undefined));
    cloud.clock.advance(3 * 3_600_000);
    await settle();
    const got = deliveries(no);
    expect(got).toEqual([
      { source: 'wx_paycallback', outTradeNo: no, outRefundNo: null, resultCode: 'SUCCESS' },
      { source: 'wx_paycallback', outTradeNo: no, outRefundNo: `R${no}` },
    ]);
  });

  test('should retry an unacknowledged notification on WeChat Pay’s schedule of the local clock, 15 retries in all', async () => {
    expect(RETRY_GAPS_MS.map((ms) => ms / 1000)).toEqual([
      15, 15, 30, 180, 600, 1200, 1800, 1800, 1800, 3600, 10800, 10800, 10800, 21600, 21600,
    ]);
    const no = tradeNo('oretry');
    await createAndPay(no);
    await waitFor('the first delivery', async () => (deliveries(no).length === 1 ? true : undefined));
    cloud.clock.advance(14_000);
    await settle();
    expect(deliveries(no)).toHaveLength(1);
    cloud.clock.advance(1_000);
    await waitFor('the first retry', async () => (deliveries(no).length === 2 ? true : undefined));
    cloud.clock.advance(15_000);
    await waitFor('the second retry', async () => (deliveries(no).length === 3 ? true : undefined));
    // The gaps add up to 24h04m: a clock moved on 25 hours has every retry come, one after another;
    // then WeChat Pay gives up.
    cloud.clock.advance(25 * 3_600_000);
    await waitFor('every retry', async () => (deliveries(no).length === 16 ? true : undefined));
    cloud.clock.advance(3 * 24 * 3_600_000);
    await settle(300);
    expect(deliveries(no)).toHaveLength(16);
    expect(new Set(deliveries(no).map((d) => d.source))).toEqual(new Set(['wx_paycallback']));
  });
});
