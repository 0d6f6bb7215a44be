/** JSX for the native `<qr-canvas>` (src/components/native/qr-canvas), as Taro passes attributes and events to it. */
import 'react';

declare module 'react' {
  namespace JSX {
    interface IntrinsicElements {
      'qr-canvas': {
        matrix: string;
        side: number;
        size?: number;
        'expires-at': number;
        'refresh-at'?: number;
        now: number;
        onRender?: (e: { detail: { side: number } }) => void;
        onTick?: (e: { detail: { secondsLeft: number } }) => void;
        onExpire?: (e: { detail: { expiresAt: number } }) => void;
      };
    }
  }
}
