/** Cloud function `payCallback`: WeChat Pay's payment and refund notifications (cloudPay functionName). */
import { handlePayCallback } from '../../core/payments/pay-callback';

export const main = handlePayCallback;
