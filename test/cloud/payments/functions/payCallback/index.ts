/**
 * Fixture: a payment callback that writes down every notification it receives (its SOURCE and
 * what it names) to the file in PAY_LOG, and acknowledges it — except for orders whose number
 * holds "retry", which it never acknowledges, so WeChat Pay's retries can be counted.
 */
import fs from 'node:fs';
import * as cloud from 'wx-server-sdk';

cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV as unknown as string });

export async function main(event: Record<string, unknown>) {
  const { SOURCE } = cloud.getWXContext();
  const outTradeNo = typeof event.outTradeNo === 'string' ? event.outTradeNo : '';
  const line = { source: SOURCE, outTradeNo, outRefundNo: event.outRefundNo ?? null, resultCode: event.resultCode };
  fs.appendFileSync(process.env.PAY_LOG ?? '/dev/null', `${JSON.stringify(line)}\n`);
  return outTradeNo.includes('retry') ? { errcode: 1, errmsg: 'not now' } : { errcode: 0, errmsg: '' };
}
