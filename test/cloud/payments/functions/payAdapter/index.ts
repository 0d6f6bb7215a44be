/**
 * Fixture: the production payments adapter — or one raw cloud.cloudPay call — run inside a function
 * invocation through the real wx-server-sdk, as the orders function runs it (cloudPay's payer is
 * the user the invocation runs for). Answers what came back, or what was thrown, as data.
 */
import * as cloud from 'wx-server-sdk';
import { PaymentError, type PaymentsPort } from '../../../../../cloudfunctions/core/payments/port';
import { WechatPay, type CloudPay } from '../../../../../cloudfunctions/core/payments/wechat-pay';

cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV as unknown as string });
const pay = (cloud as unknown as { cloudPay: CloudPay }).cloudPay;
const adapter = new WechatPay(pay, { subMchId: process.env.WXPAY_SUB_MCH_ID ?? '', envId: process.env.TCB_ENV ?? '' });

export interface AdapterCall {
  raw?: keyof CloudPay;
  params?: Record<string, unknown>;
  port?: keyof PaymentsPort;
  args?: unknown[];
}

export async function main(event: AdapterCall) {
  try {
    if (event.raw) return { answer: await pay[event.raw](event.params ?? {}) };
    const method = adapter[event.port ?? 'queryPayment'] as (...a: unknown[]) => Promise<unknown>;
    return { result: await method.apply(adapter, event.args ?? []) };
  } catch (e) {
    if (e instanceof PaymentError) return { paymentError: { reason: e.reason, message: e.message } };
    const err = e as { errCode?: unknown; errMsg?: unknown; message?: unknown };
    return { thrown: { errCode: err.errCode, errMsg: err.errMsg ?? err.message } };
  }
}
