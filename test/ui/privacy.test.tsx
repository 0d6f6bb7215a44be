/**
 * WeChat's privacy authorization: the app takes over WeChat's question once at start, shows its
 * own sheet while a page that uses personal data is up, and answers with the agree button's id
 * (open-type agreePrivacyAuthorization) or a refusal; the ID number is asked for before it is
 * typed; H5 asks nothing.
 */
import { fireEvent, render, screen } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { PrivacySheet } from '../../src/components/privacy-sheet';
import type { PrivacyAnswer, PrivacyRequest, PrivacyService } from '../../src/services/privacy-types';
import { privacy as h5Privacy } from '../../src/services/privacy.h5';
import { privacy as weappPrivacy } from '../../src/services/privacy.weapp';
import { PRIVACY_AGREE_BUTTON_ID, PrivacyStore } from '../../src/stores/privacy-store';
import { strings } from '../../src/strings/zh-CN';

/** The Taro mock's stand-ins (test/ui/mocks/taro.ts) this file drives. */
const mocks = Taro as unknown as Record<string, jest.Mock>;
const taro = {
  onNeedPrivacyAuthorization: mocks.onNeedPrivacyAuthorization!,
  requirePrivacyAuthorize: mocks.requirePrivacyAuthorize!,
  openPrivacyContract: mocks.openPrivacyContract!,
  setClipboardData: mocks.setClipboardData!,
};

function fakeService() {
  const listeners: ((r: PrivacyRequest) => void)[] = [];
  const service = {
    listen: jest.fn((l: (r: PrivacyRequest) => void) => void listeners.push(l)),
    require: jest.fn(async (): Promise<boolean> => true),
    openContract: jest.fn(async () => undefined),
    copy: jest.fn(async (_t: string): Promise<boolean> => true),
  } satisfies PrivacyService;
  /** WeChat asks: returns what the app answered, in order. */
  const ask = (referrer = 'setClipboardData'): PrivacyAnswer[] => {
    const answers: PrivacyAnswer[] = [];
    for (const l of listeners) l({ referrer, resolve: (a) => answers.push(a) });
    return answers;
  };
  return { service, ask, listeners };
}

describe('the privacy store', () => {
  test('should take over WeChat’s question once, however often it is started', () => {
    const { service, listeners } = fakeService();
    const store = new PrivacyStore(service);
    store.start();
    store.start();
    expect(service.listen).toHaveBeenCalledTimes(1);
    expect(listeners).toHaveLength(1);
  });

  test('should show the sheet while WeChat waits and answer every waiting call with the agree button’s id', () => {
    const { service, ask } = fakeService();
    const store = new PrivacyStore(service);
    store.start();
    const unmount = store.mountSheet();
    const first = ask();
    const second = ask('requirePrivacyAuthorize');
    expect(store.asking).toBe(true);
    // The sheet's exposure is told once, when it comes up.
    expect(first).toEqual([{ event: 'exposureAuthorization' }]);
    expect(second).toEqual([]);
    store.agree();
    expect(first.at(-1)).toEqual({ event: 'agree', buttonId: PRIVACY_AGREE_BUTTON_ID });
    expect(second).toEqual([{ event: 'agree', buttonId: 'privacy-agree' }]);
    expect(store.asking).toBe(false);
    unmount();
  });

  test('should answer disagree when the user refuses, and when the page with the sheet goes away', () => {
    const { service, ask } = fakeService();
    const store = new PrivacyStore(service);
    store.start();
    const unmount = store.mountSheet();
    const refused = ask();
    store.disagree();
    expect(refused.at(-1)).toEqual({ event: 'disagree' });
    const left = ask();
    unmount();
    expect(left.at(-1)).toEqual({ event: 'disagree' });
    expect(store.asking).toBe(false);
  });

  test('should refuse at once a question no sheet can show, so no privacy call hangs', () => {
    const { service, ask } = fakeService();
    const store = new PrivacyStore(service);
    store.start();
    expect(ask()).toEqual([{ event: 'disagree' }]);
    expect(store.asking).toBe(false);
  });

  test('should ask before the ID number is typed, once allowed not again, and again after a refusal', async () => {
    const { service } = fakeService();
    const store = new PrivacyStore(service);
    service.require.mockResolvedValueOnce(false);
    expect(await store.allowPersonalData()).toBe(false);
    expect(store.personalData).toBe('refused');
    expect(await store.allowPersonalData()).toBe(true);
    expect(store.personalData).toBe('allowed');
    expect(await store.allowPersonalData()).toBe(true);
    expect(service.require).toHaveBeenCalledTimes(2);
  });

  test('should copy through the privacy service and open the guide', async () => {
    const { service } = fakeService();
    const store = new PrivacyStore(service);
    service.copy.mockResolvedValueOnce(false);
    expect(await store.copy('https://gift.example/claim')).toBe(false);
    expect(service.copy).toHaveBeenCalledWith('https://gift.example/claim');
    await store.openContract();
    expect(service.openContract).toHaveBeenCalled();
  });
});

describe('the mini-program privacy service', () => {
  beforeEach(() => {
    for (const m of Object.values(taro)) m.mockReset();
  });

  test('should register WeChat’s handler and pass the app’s answer back to WeChat’s resolve', () => {
    const seen: PrivacyRequest[] = [];
    weappPrivacy.listen((r) => seen.push(r));
    expect(taro.onNeedPrivacyAuthorization).toHaveBeenCalledTimes(1);
    const resolve = jest.fn();
    const handler = taro.onNeedPrivacyAuthorization.mock.calls[0]![0] as (
      r: (a: PrivacyAnswer) => void,
      info: { referrer: string },
    ) => void;
    handler(resolve, { referrer: 'setClipboardData' });
    expect(seen[0]!.referrer).toBe('setClipboardData');
    seen[0]!.resolve({ event: 'agree', buttonId: 'privacy-agree' });
    expect(resolve).toHaveBeenCalledWith({ event: 'agree', buttonId: 'privacy-agree' });
  });

  test('should tell consent from refusal through requirePrivacyAuthorize', async () => {
    taro.requirePrivacyAuthorize.mockImplementationOnce((o: { success: () => void }) => o.success());
    expect(await weappPrivacy.require()).toBe(true);
    taro.requirePrivacyAuthorize.mockImplementationOnce((o: { fail: (e: unknown) => void }) =>
      o.fail({ errMsg: 'requirePrivacyAuthorize:fail privacy permission is not authorized' }),
    );
    expect(await weappPrivacy.require()).toBe(false);
  });

  test('should copy with setClipboardData and report a refused copy as false', async () => {
    taro.setClipboardData.mockResolvedValueOnce(undefined);
    expect(await weappPrivacy.copy('link')).toBe(true);
    expect(taro.setClipboardData).toHaveBeenCalledWith({ data: 'link' });
    taro.setClipboardData.mockRejectedValueOnce({
      errMsg: 'setClipboardData:fail privacy permission is not authorized',
    });
    expect(await weappPrivacy.copy('link')).toBe(false);
  });

  test('should open the published privacy guide', async () => {
    taro.openPrivacyContract.mockImplementationOnce((o: { complete: () => void }) => o.complete());
    await weappPrivacy.openContract();
    expect(taro.openPrivacyContract).toHaveBeenCalledTimes(1);
  });

  test('should ask nothing on H5', async () => {
    h5Privacy.listen(() => undefined);
    expect(taro.onNeedPrivacyAuthorization).not.toHaveBeenCalled();
    expect(await h5Privacy.require()).toBe(true);
  });
});

describe('the privacy sheet', () => {
  test('should agree only through WeChat’s agreePrivacyAuthorization button, named by its id', () => {
    const onAgree = jest.fn();
    const onDisagree = jest.fn();
    const onOpenContract = jest.fn();
    const props = { agreeId: PRIVACY_AGREE_BUTTON_ID, onAgree, onDisagree, onOpenContract };
    const { rerender } = render(<PrivacySheet visible={false} {...props} />);
    expect(screen.queryByTestId('privacy-sheet')).toBeNull();
    rerender(<PrivacySheet visible {...props} />);
    const agree = screen.getByText(strings.privacy.agree);
    expect(agree).toHaveAttribute('id', 'privacy-agree');
    expect(agree).toHaveAttribute('data-open-type', 'agreePrivacyAuthorization');
    fireEvent.click(screen.getByText(strings.privacy.contract));
    expect(onOpenContract).toHaveBeenCalled();
    fireEvent.click(screen.getByText(strings.privacy.disagree));
    expect(onDisagree).toHaveBeenCalled();
    expect(onAgree).not.toHaveBeenCalled();
    fireEvent.click(agree);
    expect(onAgree).toHaveBeenCalledTimes(1);
  });
});
