/**
 * The payments adapter: WeChat Pay through cloud.cloudPay with the environment's merchant number,
 * wherever the function runs — in the local cloud the same SDK calls reach its simulated WeChat Pay.
 */
import { cloudPay } from '../cloud';
import type { PaymentsPort } from './port';
import { WechatPay, type CloudPay } from './wechat-pay';

/** The function that receives payment and refund notifications. */
export const PAY_CALLBACK_FUNCTION = 'payCallback';

let port: PaymentsPort | undefined;

export function payments(): PaymentsPort {
  if (port) return port;
  const subMchId = process.env.WXPAY_SUB_MCH_ID ?? '';
  if (!subMchId) throw new Error('WXPAY_SUB_MCH_ID is not configured');
  port = new WechatPay(cloudPay() as CloudPay, {
    subMchId,
    envId: process.env.TCB_ENV ?? process.env.SCF_NAMESPACE ?? '',
  });
  return port;
}

export * from './port';
