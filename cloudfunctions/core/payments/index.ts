/**
 * The payments adapter for where the function runs: the local cloud's simulated WeChat Pay when it
 * is there (LOCAL_PAY_URL), otherwise WeChat Pay through cloud.cloudPay with the merchant settings.
 */
import { cloud } from '../cloud';
import { LocalPay } from './local-pay';
import type { PaymentsPort } from './port';
import { WechatPay, type CloudPay } from './wechat-pay';

/** The function that receives payment and refund notifications. */
export const PAY_CALLBACK_FUNCTION = 'payCallback';

let port: PaymentsPort | undefined;

export function payments(): PaymentsPort {
  if (port) return port;
  const local = process.env.LOCAL_PAY_URL;
  if (local) {
    port = new LocalPay(local, process.env.LOCAL_PAY_KEY ?? '');
  } else {
    const subMchId = process.env.WXPAY_SUB_MCH_ID ?? '';
    if (!subMchId) throw new Error('WXPAY_SUB_MCH_ID is not configured');
    const pay = (cloud as unknown as { cloudPay: CloudPay }).cloudPay;
    port = new WechatPay(pay, { subMchId, envId: process.env.TCB_ENV ?? process.env.SCF_NAMESPACE ?? '' });
  }
  return port;
}

export * from './port';
