/**
 * PayQr as H5 and the tests get it: the SVG code a scanner reads back as the payload, and `onDue`
 * once per code when the cloud's times say so, whatever the phone's clock says.
 */
import { act, render } from '@testing-library/react';
import jsQR from 'jsqr';
import { PayQr } from '../../src/components/pay-qr';
import { RasterCanvas } from '../native/raster-canvas';

const CLOUD_NOW = Date.UTC(2026, 10, 22, 4, 0, 0);

function code(text: string, now: number) {
  return { text, now, refreshAt: now + 50_000, expiresAt: now + 60_000 };
}

/** Reads the <img>'s SVG data URI back: its 1×1 module squares filled at 4 px each, then scanned. */
function scan(container: HTMLElement): string | undefined {
  const src = container.querySelector('img')?.getAttribute('src') ?? '';
  const svg = atob(src.replace('data:image/svg+xml;base64,', ''));
  const box = Number(/viewBox="0 0 (\d+) \1"/.exec(svg)?.[1]);
  const canvas = new RasterCanvas();
  canvas.width = canvas.height = box * 4;
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, box * 4, box * 4);
  ctx.fillStyle = '#000000';
  for (const m of svg.matchAll(/M(\d+) (\d+)h1v1h-1z/g)) ctx.fillRect(Number(m[1]) * 4, Number(m[2]) * 4, 4, 4);
  return jsQR(canvas.pixels, canvas.width, canvas.height, { inversionAttempts: 'dontInvert' })?.data;
}

afterEach(() => {
  jest.useRealTimers();
});

test.each([
  ['3 hours slow', -3 * 3600_000],
  ['5 minutes fast', 5 * 60_000],
])('should show the code and call onDue once per code when it is due, on a phone %s', (_, phoneOffset) => {
  jest.useFakeTimers({ now: CLOUD_NOW + phoneOffset });
  const first = code('GCP1.6214583011274490.0123456789abcdef', CLOUD_NOW);
  const onDue = jest.fn();
  const onRendered = jest.fn();
  const { container, rerender } = render(<PayQr {...first} onDue={onDue} onRendered={onRendered} />);
  expect(scan(container)).toBe(first.text);
  expect(onRendered).toHaveBeenCalledTimes(1);

  act(() => void jest.advanceTimersByTime(49_999));
  expect(onDue).not.toHaveBeenCalled();
  act(() => void jest.advanceTimersByTime(1));
  expect(onDue).toHaveBeenCalledTimes(1);

  // The parent re-rendering with new callbacks while it fetches neither re-arms nor calls again.
  rerender(<PayQr {...first} onDue={() => onDue()} onRendered={() => onRendered()} />);
  act(() => void jest.advanceTimersByTime(60_000));
  expect(onDue).toHaveBeenCalledTimes(1);
  expect(onRendered).toHaveBeenCalledTimes(1);

  // The next code, fetched 110 s after the first.
  const next = code('GCP1.6214583011274490.fedcba9876543210', CLOUD_NOW + 110_000);
  rerender(<PayQr {...next} onDue={() => onDue()} onRendered={() => onRendered()} />);
  expect(scan(container)).toBe(next.text);
  expect(onRendered).toHaveBeenCalledTimes(2);
  act(() => void jest.advanceTimersByTime(49_999));
  expect(onDue).toHaveBeenCalledTimes(1);
  act(() => void jest.advanceTimersByTime(1));
  expect(onDue).toHaveBeenCalledTimes(2);
});

test('should call onDue at expiry when the cloud sets no refresh time, and never once unmounted', () => {
  jest.useFakeTimers({ now: CLOUD_NOW });
  const onDue = jest.fn();
  const text = 'GCP1.6214583011274490.0123456789abcdef';
  const { rerender, unmount } = render(
    <PayQr text={text} now={CLOUD_NOW} refreshAt={0} expiresAt={CLOUD_NOW + 60_000} onDue={onDue} />,
  );
  act(() => void jest.advanceTimersByTime(59_999));
  expect(onDue).not.toHaveBeenCalled();
  act(() => void jest.advanceTimersByTime(1));
  expect(onDue).toHaveBeenCalledTimes(1);

  const next = 'GCP1.6214583011274490.fedcba9876543210';
  rerender(<PayQr text={next} now={CLOUD_NOW + 60_000} refreshAt={0} expiresAt={CLOUD_NOW + 120_000} onDue={onDue} />);
  act(() => void jest.advanceTimersByTime(30_000));
  unmount();
  expect(jest.getTimerCount()).toBe(0);
  act(() => void jest.advanceTimersByTime(60_000));
  expect(onDue).toHaveBeenCalledTimes(1);
});
