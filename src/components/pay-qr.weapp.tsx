/**
 * The in-store pay code on the mini-program: the native Canvas 2D component, which draws the modules
 * and times the code itself. The page declares it: `usingComponents: { 'qr-canvas':
 * '../../components/native/qr-canvas/index' }` in its index.config.ts.
 */
import { useMemo } from 'react';
import { PAY_QR_SIZE, type PayQrProps } from './pay-qr-props';
import { qrModules } from './qr-matrix';

export type { PayQrProps } from './pay-qr-props';

export function PayQr({ text, expiresAt, refreshAt, now, size = PAY_QR_SIZE, onDue, onRendered }: PayQrProps) {
  const { side, matrix } = useMemo(() => qrModules(text), [text]);
  // Taro writes the native component's template from the attributes spelled out here (a spread would
  // bind none), and WXML sets a camelCase property through its dashed name.
  return (
    <qr-canvas
      matrix={matrix}
      side={side}
      size={size}
      expires-at={expiresAt}
      refresh-at={refreshAt}
      now={now}
      onExpire={() => onDue()}
      onRender={() => onRendered?.()}
    />
  );
}
