/** What both PayQr implementations take (pay-qr.tsx on H5 and in tests, pay-qr.weapp.tsx on the mini-program). */
import type { PayCodeTimes } from './native/qr-canvas/due';

export interface PayQrProps extends PayCodeTimes {
  /** The payload to encode, e.g. `GCP1.6214583011274490.0123456789abcdef` (ASCII). */
  text: string;
  /** CSS px per side. */
  size?: number;
  /** The code is due: fetch the next one and pass it in. Called once per code. */
  onDue: () => void;
  /** The code on screen has been drawn. */
  onRendered?: () => void;
}

/** Big enough for a cashier's scanner at arm's length, small enough for the card and buttons around it. */
export const PAY_QR_SIZE = 220;
