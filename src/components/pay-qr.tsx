/**
 * The in-store pay code on H5 (and in the UI tests): the SVG QrCode of the payload, and `onDue` once
 * per code when the cloud's times say so. The mini-program gets pay-qr.weapp.tsx instead.
 */
import { useEffect, useRef } from 'react';
import { localDueTime } from './native/qr-canvas/due';
import { PAY_QR_SIZE, type PayQrProps } from './pay-qr-props';
import { QrCode } from './qr-code';

export type { PayQrProps } from './pay-qr-props';

export function PayQr({ text, expiresAt, refreshAt, now, size = PAY_QR_SIZE, onDue, onRendered }: PayQrProps) {
  // The latest callbacks, read when they fire, so a parent passing new closures does not re-arm the timer.
  const callbacks = useRef({ onDue, onRendered });
  callbacks.current = { onDue, onRendered };

  useEffect(() => {
    const dueTime = localDueTime({ expiresAt, refreshAt, now }, Date.now());
    const timer = setTimeout(() => callbacks.current.onDue(), Math.max(0, dueTime - Date.now()));
    return () => clearTimeout(timer);
  }, [text, expiresAt, refreshAt, now]);

  useEffect(() => {
    callbacks.current.onRendered?.();
  }, [text, size]);

  return <QrCode text={text} size={size} />;
}
