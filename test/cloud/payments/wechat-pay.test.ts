/**
 * The production payments adapter maps our port onto cloud.cloudPay's fields and back. The SDK's
 * cloudPay needs WeChat's servers, so the adapter is given a recording stand-in with WeChat Pay's
 * documented answers; what is checked is the mapping, both ways.
 */
import {
  WechatPay,
  fromWechatTime,
  toWechatTime,
  type CloudPay,
} from '../../../cloudfunctions/core/payments/wechat-pay';
import { PaymentError } from '../../../cloudfunctions/core/payments/port';

function recorder(answers: Partial<Record<keyof CloudPay, Record<string, unknown>>>) {
  const calls: { op: string; params: Record<string, unknown> }[] = [];
  const pay = Object.fromEntries(
    (['unifiedOrder', 'queryOrder', 'closeOrder', 'refund', 'queryRefund'] as const).map((op) => [
      op,
      async (params: Record<string, unknown>) => {
        calls.push({ op, params });
        return answers[op] ?? { returnCode: 'SUCCESS', resultCode: 'SUCCESS' };
      },
    ]),
  ) as unknown as CloudPay;
  return { pay, calls };
}

const config = { subMchId: '1900000110', envId: 'prod-env', nonce: () => 'n0nce' };
const SUCCESS = { returnCode: 'SUCCESS', resultCode: 'SUCCESS' };

test('should write times as WeChat Pay does, in China time, and read them back', () => {
  const at = Date.UTC(2026, 10, 22, 16, 5, 9);
  expect(toWechatTime(at)).toBe('20261123000509');
  expect(fromWechatTime('20261123000509')).toBe(at);
  expect(fromWechatTime('bad')).toBeNull();
});

test('should send unifiedOrder our order in its fields and hand back requestPayment parameters', async () => {
  const payment = {
    appId: 'wx1',
    timeStamp: '1795000000',
    nonceStr: 'abc',
    package: 'prepay_id=wx22',
    signType: 'MD5',
    paySign: 'SIGN',
  };
  const { pay, calls } = recorder({ unifiedOrder: { ...SUCCESS, payment } });
  const req = await new WechatPay(pay, config).createPayment({
    outTradeNo: 'o123',
    totalFee: 12_300,
    description: '蓝山咖啡 心意卡 ×1',
    openId: 'o-user',
    callbackFunction: 'payCallback',
    expireAt: Date.UTC(2026, 10, 22, 16, 20, 0),
    clientIp: '10.0.0.1',
  });
  expect(calls).toEqual([
    {
      op: 'unifiedOrder',
      params: {
        body: '蓝山咖啡 心意卡 ×1',
        outTradeNo: 'o123',
        spbillCreateIp: '10.0.0.1',
        subMchId: '1900000110',
        totalFee: 12_300,
        envId: 'prod-env',
        functionName: 'payCallback',
        nonceStr: 'n0nce',
        tradeType: 'JSAPI',
        timeExpire: '20261123002000',
      },
    },
  ]);
  expect(req).toEqual({
    provider: 'wechat',
    params: { timeStamp: '1795000000', nonceStr: 'abc', package: 'prepay_id=wx22', signType: 'MD5', paySign: 'SIGN' },
  });
});

test('should raise a failed unifiedOrder with WeChat Pay reason', async () => {
  const { pay } = recorder({
    unifiedOrder: { returnCode: 'SUCCESS', resultCode: 'FAIL', errCode: 'ORDERPAID', errCodeDes: '该订单已支付' },
  });
  const p = new WechatPay(pay, config).createPayment({
    outTradeNo: 'o1',
    totalFee: 1,
    description: 'x',
    openId: 'o',
    callbackFunction: 'payCallback',
    expireAt: 0,
    clientIp: '',
  });
  await expect(p).rejects.toThrow(PaymentError);
  await expect(p).rejects.toMatchObject({ reason: 'ORDERPAID' });
});

test('should read queryOrder state, amount, transaction and paid time', async () => {
  const { pay, calls } = recorder({
    queryOrder: {
      ...SUCCESS,
      tradeState: 'SUCCESS',
      totalFee: 12_300,
      transactionId: '4200001',
      timeEnd: '20261123000509',
    },
  });
  const status = await new WechatPay(pay, config).queryPayment('o123');
  expect(calls[0]).toEqual({
    op: 'queryOrder',
    params: { subMchId: '1900000110', outTradeNo: 'o123', nonceStr: 'n0nce' },
  });
  expect(status).toEqual({
    state: 'SUCCESS',
    totalFee: 12_300,
    transactionId: '4200001',
    paidAt: Date.UTC(2026, 10, 22, 16, 5, 9),
  });
  const missing = recorder({ queryOrder: { returnCode: 'SUCCESS', resultCode: 'FAIL', errCode: 'ORDERNOTEXIST' } });
  expect((await new WechatPay(missing.pay, config).queryPayment('o9')).state).toBe('NOTFOUND');
});

test('should tell a closed payment from one paid meanwhile', async () => {
  expect(await new WechatPay(recorder({}).pay, config).closePayment('o1')).toBe('closed');
  const paid = recorder({ closeOrder: { returnCode: 'SUCCESS', resultCode: 'FAIL', errCode: 'ORDERPAID' } });
  expect(await new WechatPay(paid.pay, config).closePayment('o1')).toBe('paid');
});

test('should send refunds with their idempotent number and read the refund state', async () => {
  const { pay, calls } = recorder({ queryRefund: { ...SUCCESS, refundStatus_0: 'SUCCESS', refundFee_0: 5_000 } });
  const wp = new WechatPay(pay, config);
  await wp.refund({
    outTradeNo: 'o1',
    outRefundNo: 'Ro1-1',
    totalFee: 10_000,
    refundFee: 5_000,
    callbackFunction: 'payCallback',
  });
  expect(calls[0]).toEqual({
    op: 'refund',
    params: {
      subMchId: '1900000110',
      nonceStr: 'n0nce',
      outTradeNo: 'o1',
      outRefundNo: 'Ro1-1',
      totalFee: 10_000,
      refundFee: 5_000,
      envId: 'prod-env',
      functionName: 'payCallback',
    },
  });
  expect(await wp.queryRefund('Ro1-1')).toEqual({ state: 'SUCCESS', refundFee: 5_000 });
  expect(calls[1]).toEqual({
    op: 'queryRefund',
    params: { subMchId: '1900000110', outRefundNo: 'Ro1-1', nonceStr: 'n0nce' },
  });
});
