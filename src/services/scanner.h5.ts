/**
 * H5: the rear camera through getUserMedia, full screen under a viewfinder. Frames are drawn to a
 * canvas and read with jsQR until a code turns up or the user cancels. The browser has no scanning
 * screen of its own, so this file draws one, in plain DOM, on top of the page.
 */
import type { Scanner, ScanOutcome, ScanPrompt } from './scanner-types';

/** Frames are read at this width at most: plenty for a code held up to the phone, light on a slow one. */
const READ_WIDTH = 480;
/** Between two reads; jsQR on every animation frame would keep a slow phone's CPU busy. */
const READ_EVERY_MS = 120;
const VIEWFINDER_PX = 240;

function cameraRefused(e: unknown): ScanOutcome {
  const name = typeof e === 'object' && e !== null ? String((e as { name?: unknown }).name) : '';
  const denied = name === 'NotAllowedError' || name === 'SecurityError';
  return { kind: 'unavailable', reason: denied ? 'denied' : 'no-camera' };
}

function element<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  style: Partial<CSSStyleDeclaration>,
  parent: HTMLElement,
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  Object.assign(el.style, style);
  parent.appendChild(el);
  return el;
}

/** The camera picture with a square to aim at, the hint under it and a cancel button. */
function showViewfinder(prompt: ScanPrompt): { root: HTMLElement; video: HTMLVideoElement; cancel: HTMLElement } {
  const root = element('div', { position: 'fixed', inset: '0', zIndex: '1000', background: '#000' }, document.body);
  root.setAttribute('data-testid', 'scanner');
  const video = element('video', { width: '100%', height: '100%', objectFit: 'cover' }, root);
  // iOS plays a camera stream inline only when muted and marked inline.
  video.muted = true;
  video.playsInline = true;
  video.setAttribute('playsinline', '');
  element(
    'div',
    {
      position: 'absolute',
      left: '50%',
      top: '42%',
      width: `${VIEWFINDER_PX}px`,
      height: `${VIEWFINDER_PX}px`,
      transform: 'translate(-50%, -50%)',
      border: '2px solid rgba(255, 255, 255, 0.85)',
      borderRadius: '12px',
      boxShadow: '0 0 0 100vmax rgba(0, 0, 0, 0.45)',
    },
    root,
  );
  const hint = element(
    'div',
    {
      position: 'absolute',
      left: '0',
      right: '0',
      top: `calc(42% + ${VIEWFINDER_PX / 2 + 20}px)`,
      textAlign: 'center',
      color: '#fff',
      fontSize: '14px',
    },
    root,
  );
  hint.textContent = prompt.hint;
  const cancel = element(
    'div',
    {
      position: 'absolute',
      left: '50%',
      bottom: 'calc(40px + env(safe-area-inset-bottom))',
      transform: 'translateX(-50%)',
      padding: '10px 36px',
      borderRadius: '22px',
      background: 'rgba(255, 255, 255, 0.2)',
      color: '#fff',
      fontSize: '15px',
    },
    root,
  );
  cancel.textContent = prompt.cancel;
  cancel.setAttribute('role', 'button');
  return { root, video, cancel };
}

export const scanner: Scanner = {
  async scan(prompt) {
    if (!navigator.mediaDevices?.getUserMedia) return { kind: 'unavailable', reason: 'no-camera' };
    let jsQR: typeof import('jsqr').default;
    try {
      // Loaded on the first scan only: most visitors of the H5 site never open the till.
      jsQR = (await import('jsqr')).default;
    } catch {
      return { kind: 'unavailable', reason: 'no-camera' };
    }
    let stream: MediaStream;
    try {
      stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' }, audio: false });
    } catch (e) {
      return cameraRefused(e);
    }
    const view = showViewfinder(prompt);
    view.video.srcObject = stream;
    const canvas = document.createElement('canvas');
    const ctx = canvas.getContext('2d', { willReadFrequently: true });
    return new Promise<ScanOutcome>((resolve) => {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const finish = (outcome: ScanOutcome): void => {
        clearTimeout(timer);
        stream.getTracks().forEach((t) => t.stop());
        view.root.remove();
        resolve(outcome);
      };
      const read = (): void => {
        const v = view.video;
        if (ctx && v.readyState >= v.HAVE_ENOUGH_DATA && v.videoWidth > 0) {
          const scale = Math.min(1, READ_WIDTH / v.videoWidth);
          canvas.width = Math.round(v.videoWidth * scale);
          canvas.height = Math.round(v.videoHeight * scale);
          ctx.drawImage(v, 0, 0, canvas.width, canvas.height);
          const frame = ctx.getImageData(0, 0, canvas.width, canvas.height);
          const found = jsQR(frame.data, frame.width, frame.height, { inversionAttempts: 'dontInvert' });
          if (found?.data) return finish({ kind: 'scanned', text: found.data });
        }
        timer = setTimeout(read, READ_EVERY_MS);
      };
      view.cancel.onclick = () => finish({ kind: 'cancelled' });
      // A refused play() (autoplay policy) leaves the viewfinder dark; cancelling still works.
      view.video.play().catch(() => undefined);
      read();
    });
  },
};
