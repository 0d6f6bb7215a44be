/** A scannable QR code of `text`, `size` px square. */
import { useMemo } from 'react';
import { Image } from '@tarojs/components';
import { qrDataUri } from './qr-matrix';

export function QrCode({ text, size = 180 }: { text: string; size?: number }) {
  const src = useMemo(() => qrDataUri(text), [text]);
  return <Image src={src} style={{ width: `${size}px`, height: `${size}px` }} data-testid="qr-code" />;
}
