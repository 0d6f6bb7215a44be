/** Cloud function `payCallback`: WeChat Pay's payment and refund notifications (cloudPay functionName). */
import { requireGiftcardSecret } from '../../core/secrets';
import { handlePayCallback } from '../../core/payments/pay-callback';

// Refuses to load with a missing or short key: no invocation (and no money path) runs on a weak one.
requireGiftcardSecret();

export const main = handlePayCallback;
