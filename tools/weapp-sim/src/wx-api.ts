/**
 * The `wx` object of the simulated logic layer. Every name of WeChat's API is present (Taro wraps
 * the keys of `wx`); the ones modelled here answer as WeChat does — callbacks `success` / `fail` /
 * `complete` with `errMsg` `<api>:ok` or `<api>:fail …`, and a Promise when no callback is given —
 * and any other throws naming the API, so a page calling something not modelled fails its test.
 * Answers that a person gives in WeChat (scanning, subscribe dialogs, modals, the pay sheet) come
 * from the test through `SimAnswers`.
 */
import { wechatApiNames } from './api-names';
import { SimCanvas } from './canvas';
import { CloudApiError, type NetworkStatus, type SimNetwork } from './network';

export const PHONE = {
  screenWidth: 375,
  screenHeight: 812,
  pixelRatio: 3,
  statusBarHeight: 44,
  navigationBarHeight: 44,
  tabBarHeight: 50,
} as const;

export type Callbacks = {
  success?: (res: unknown) => void;
  fail?: (res: unknown) => void;
  complete?: (res: unknown) => void;
  [key: string]: unknown;
};

/** A failure WeChat reports through `fail` (the page may handle it), not a simulator error. */
export class WxFail extends Error {}

export interface Toast {
  title: string;
  icon: string;
}

export interface Modal {
  title: string;
  content: string;
  confirm: boolean;
}

export interface ScanAnswer {
  result: string;
  scanType?: string;
  path?: string;
}

export interface SimAnswers {
  /** wx.scanCode: what the camera read, or null for a cancelled scan. */
  scanCode?: () => ScanAnswer | null;
  /** wx.requestSubscribeMessage: 'accept' or 'reject' for each template id. */
  subscribe?: (tmplIds: string[]) => Record<string, 'accept' | 'reject'>;
  /** wx.showModal: true for the confirm button (the default), false for cancel. */
  modal?: (m: { title: string; content: string }) => boolean;
  /** WeChat Pay's sheet in wx.requestPayment: true pays (the default), false cancels. */
  pay?: () => boolean;
  /** wx.showActionSheet: the index tapped, or null to cancel. */
  actionSheet?: (items: string[]) => number | null;
  /**
   * A `<button open-type="chooseAvatar">` tapped: the picture picked in WeChat's avatar sheet (its
   * JPEG bytes), or null to cancel. The page gets it as a temp file, as in WeChat.
   */
  chooseAvatar?: () => Uint8Array | null;
}

/** A person who allows every subscribe message asked for (the journeys' and `npm run sim`'s default). */
export const ACCEPT_SUBSCRIPTIONS: Required<Pick<SimAnswers, 'subscribe'>> = {
  subscribe: (ids) => Object.fromEntries(ids.map((id) => [id, 'accept'])),
};

export interface WxHost {
  readonly answers: SimAnswers;
  readonly toasts: Toast[];
  readonly modals: Modal[];
  readonly clipboard: string[];
  /** Every call to a modelled API that changes something a person sees or the device does. */
  readonly calls: { api: string; args: unknown }[];
  storage: Map<string, string>;
  /** The phone's network, which a test may take away (wx.getNetworkType, cloud calls, requests). */
  readonly network: SimNetwork;
  /** Files WeChat made for the mini-program (a chosen avatar), by their wxfile://tmp/ path. */
  readonly tempFiles: Map<string, ArrayBuffer>;
  navigate(kind: 'navigateTo' | 'redirectTo' | 'switchTab' | 'reLaunch', url: string): Promise<void>;
  navigateBack(delta: number): Promise<void>;
  setTitle(title: string): void;
  stopPullDownRefresh(): void;
  request(opts: {
    url: string;
    method: string;
    data: unknown;
    header: Record<string, string>;
  }): Promise<{ statusCode: number; data: unknown; header: Record<string, string> }>;
  callFunction(name: string, data: unknown): Promise<unknown>;
  requestPayment(payment: Record<string, unknown>): Promise<void>;
  recordSubscribe(accepted: string[], rejected: string[]): Promise<void>;
  selectorQuery(scope: unknown): unknown;
  /** An error in the simulated code or a call the simulator does not model: fails the test. */
  crash(error: Error): void;
  /** wx.getLaunchOptionsSync / getEnterOptionsSync: path, query, scene and, from a chat card, shareTicket. */
  launchOptions(): Record<string, unknown>;
  /** wx.updateShareMenu: how the page's next share card goes out (private, updatable, its activity id). */
  updateShareMenu(options: ShareMenu): void;
  /** wx.authPrivateMessage: whether the card this ticket opened was sent into the chat it was opened from. */
  authPrivateMessage(shareTicket: string): Promise<{ valid: boolean; cloudID: string }>;
}

/** The share menu's declarations (wx.updateShareMenu) that the next share card carries. */
export interface ShareMenu {
  withShareTicket?: boolean;
  isPrivateMessage?: boolean;
  isUpdatableMessage?: boolean;
  activityId?: string;
  templateInfo?: unknown;
}

function errMsgOf(name: string, e: unknown): string {
  return `${name}:fail ${e instanceof Error ? e.message : String(e)}`;
}

/**
 * How WeChat answers a callback-style call: `success` or `fail`, then `complete`, when any callback is
 * given (and no Promise); else a Promise of the result, rejected with `failed(e).rejection`.
 */
function deliver(
  opts: Callbacks,
  result: Promise<object>,
  failed: (e: unknown) => { res: object; rejection: unknown },
): Promise<object> | undefined {
  const settled = result.then(
    (res) => {
      opts.success?.(res);
      opts.complete?.(res);
      return res;
    },
    (e: unknown) => {
      const { res, rejection } = failed(e);
      opts.fail?.(res);
      opts.complete?.(res);
      throw rejection;
    },
  );
  if (opts.success || opts.fail || opts.complete) {
    settled.catch(() => undefined);
    return undefined;
  }
  return settled;
}

export function createWx(host: WxHost): Record<string, unknown> {
  const wx: Record<string, unknown> = {};

  /** A callback-style API: `run` answers the success result or throws WxFail. */
  const async = (name: string, run: (opts: Callbacks) => unknown): void => {
    wx[name] = (opts: Callbacks = {}) =>
      deliver(
        opts,
        Promise.resolve()
          .then(() => run(opts))
          .then((res) => ({ errMsg: `${name}:ok`, ...(res as object) })),
        (e) => {
          if (!(e instanceof WxFail)) host.crash(e instanceof Error ? e : new Error(String(e)));
          const res = { errMsg: errMsgOf(name, e) };
          return { res, rejection: res };
        },
      );
  };
  const record = (api: string, args: unknown): void => {
    host.calls.push({ api, args });
  };

  // Every API WeChat has: those not modelled below fail loudly, naming themselves.
  for (const name of wechatApiNames()) {
    wx[name] = () => {
      const e = new Error(`weapp-sim: wx.${name} is not simulated (tools/weapp-sim/src/wx-api.ts)`);
      host.crash(e);
      throw e;
    };
  }

  // ── Device and system ──
  const windowInfo = () => ({
    pixelRatio: PHONE.pixelRatio,
    screenWidth: PHONE.screenWidth,
    screenHeight: PHONE.screenHeight,
    windowWidth: PHONE.screenWidth,
    windowHeight: PHONE.screenHeight - PHONE.statusBarHeight - PHONE.navigationBarHeight,
    statusBarHeight: PHONE.statusBarHeight,
    safeArea: { left: 0, right: 375, top: 44, bottom: 778, width: 375, height: 734 },
    screenTop: 0,
  });
  const deviceInfo = () => ({ brand: 'weapp-sim', model: 'iPhone X', system: 'iOS 17.0', platform: 'ios' });
  const baseInfo = () => ({ SDKVersion: '3.6.0', language: 'zh_CN', version: '8.0.50', theme: 'light' });
  wx.getWindowInfo = windowInfo;
  wx.getDeviceInfo = deviceInfo;
  wx.getAppBaseInfo = baseInfo;
  wx.getSystemInfoSync = () => ({ ...windowInfo(), ...deviceInfo(), ...baseInfo(), fontSizeSetting: 16 });
  async('getSystemInfo', () => (wx.getSystemInfoSync as () => object)());
  wx.getSystemSetting = () => ({ bluetoothEnabled: false, locationEnabled: false, wifiEnabled: true });
  wx.getAccountInfoSync = () => ({ miniProgram: { appId: 'wx-sim', envVersion: 'develop', version: '' } });
  wx.getMenuButtonBoundingClientRect = () => ({ width: 87, height: 32, top: 50, right: 368, bottom: 82, left: 281 });
  wx.getLaunchOptionsSync = () => host.launchOptions();
  wx.getEnterOptionsSync = () => host.launchOptions();
  wx.canIUse = () => true;
  wx.env = { USER_DATA_PATH: 'wxfile://usr' };
  for (const name of ['onAppShow', 'onAppHide', 'offAppShow', 'offAppHide', 'onError', 'offError'])
    wx[name] = () => undefined;
  for (const name of ['onUnhandledRejection', 'onPageNotFound', 'onMemoryWarning', 'onThemeChange'])
    wx[name] = () => undefined;
  // ── Network: Wi-Fi unless the test takes it away (network.ts); listeners hear every change ──
  async('getNetworkType', () => ({
    networkType: host.network.type,
    signalStrength: host.network.online ? 100 : 0,
    hasSystemProxy: false,
  }));
  wx.onNetworkStatusChange = (fn: (s: NetworkStatus) => void) => host.network.listen(fn);
  wx.offNetworkStatusChange = (fn?: (s: NetworkStatus) => void) => host.network.unlisten(fn);
  wx.nextTick = (fn: () => void) => setTimeout(fn, 0);
  wx.reportAnalytics = () => undefined;

  // ── Storage: values kept as JSON, as WeChat keeps them ──
  wx.setStorageSync = (key: string, value: unknown) => {
    host.storage.set(key, JSON.stringify(value === undefined ? null : value));
  };
  wx.getStorageSync = (key: string) => {
    const raw = host.storage.get(key);
    return raw === undefined ? '' : JSON.parse(raw);
  };
  wx.removeStorageSync = (key: string) => host.storage.delete(key);
  wx.clearStorageSync = () => host.storage.clear();
  wx.getStorageInfoSync = () => ({ keys: [...host.storage.keys()], currentSize: 0, limitSize: 10240 });
  async('setStorage', (o) => (wx.setStorageSync as (k: unknown, v: unknown) => void)(o.key, o.data));
  async('getStorage', (o) => {
    if (!host.storage.has(String(o.key))) throw new WxFail('data not found');
    return { data: (wx.getStorageSync as (k: unknown) => unknown)(o.key) };
  });
  async('removeStorage', (o) => host.storage.delete(String(o.key)) && {});

  // ── Navigation ──
  for (const kind of ['navigateTo', 'redirectTo', 'switchTab', 'reLaunch'] as const) {
    async(kind, (o) => host.navigate(kind, String(o.url ?? '')));
  }
  async('navigateBack', (o) => host.navigateBack(Number(o.delta ?? 1)));
  async('setNavigationBarTitle', (o) => host.setTitle(String(o.title ?? '')));
  async('setNavigationBarColor', (o) => record('setNavigationBarColor', o));
  async('stopPullDownRefresh', () => host.stopPullDownRefresh());
  async('pageScrollTo', (o) => record('pageScrollTo', { scrollTop: o.scrollTop, selector: o.selector }));
  for (const name of ['showShareMenu', 'hideShareMenu', 'showTabBar', 'hideTabBar']) {
    async(name, (o) => record(name, { menus: o.menus, withShareTicket: o.withShareTicket }));
  }
  async('updateShareMenu', (o) => {
    const menu: ShareMenu = {
      withShareTicket: o.withShareTicket === true,
      isPrivateMessage: o.isPrivateMessage === true,
      isUpdatableMessage: o.isUpdatableMessage === true,
      activityId: typeof o.activityId === 'string' ? o.activityId : undefined,
      templateInfo: o.templateInfo,
    };
    // A private or updatable message needs the activity id the cloud made (createActivityId).
    if ((menu.isPrivateMessage || menu.isUpdatableMessage) && !menu.activityId) throw new WxFail('activityId missing');
    record('updateShareMenu', menu);
    host.updateShareMenu(menu);
  });
  async('authPrivateMessage', (o) => {
    if (typeof o.shareTicket !== 'string' || o.shareTicket === '') throw new WxFail('invalid shareTicket');
    return host.authPrivateMessage(o.shareTicket);
  });

  // ── Interaction: recorded, answered by the test ──
  async('showToast', (o) => {
    host.toasts.push({ title: String(o.title ?? ''), icon: String(o.icon ?? 'success') });
  });
  async('hideToast', () => record('hideToast', {}));
  async('showLoading', (o) => record('showLoading', { title: o.title }));
  async('hideLoading', () => record('hideLoading', {}));
  async('showModal', (o) => {
    const m = { title: String(o.title ?? ''), content: String(o.content ?? '') };
    const confirm = host.answers.modal ? host.answers.modal(m) : true;
    host.modals.push({ ...m, confirm });
    return { confirm, cancel: !confirm, content: '' };
  });
  async('showActionSheet', (o) => {
    const items = (o.itemList as string[]) ?? [];
    if (!host.answers.actionSheet) throw new Error(`weapp-sim: the test did not answer wx.showActionSheet ${items}`);
    const tapIndex = host.answers.actionSheet(items);
    if (tapIndex === null) throw new WxFail('cancel');
    return { tapIndex };
  });
  async('vibrateShort', () => record('vibrateShort', {}));
  async('setClipboardData', (o) => {
    host.clipboard.push(String(o.data ?? ''));
  });
  async('getClipboardData', () => ({ data: host.clipboard[host.clipboard.length - 1] ?? '' }));
  async('setKeepScreenOn', (o) => record('setKeepScreenOn', { keepScreenOn: o.keepScreenOn }));
  let brightness = 0.5;
  async('setScreenBrightness', (o) => {
    brightness = Number(o.value);
    record('setScreenBrightness', { value: brightness });
  });
  async('getScreenBrightness', () => ({ value: brightness }));
  async('scanCode', (o) => {
    if (!host.answers.scanCode) throw new Error('weapp-sim: the test did not answer wx.scanCode');
    const answer = host.answers.scanCode();
    record('scanCode', { onlyFromCamera: o.onlyFromCamera, scanType: o.scanType });
    if (answer === null) throw new WxFail('cancel');
    return { scanType: 'QR_CODE', charSet: 'utf-8', rawData: '', path: '', ...answer };
  });
  async('requestSubscribeMessage', async (o) => {
    const ids = (o.tmplIds as string[]) ?? [];
    if (!host.answers.subscribe)
      throw new Error(`weapp-sim: the test did not answer wx.requestSubscribeMessage ${ids}`);
    const answer = host.answers.subscribe(ids);
    await host.recordSubscribe(
      ids.filter((id) => answer[id] === 'accept'),
      ids.filter((id) => answer[id] !== 'accept'),
    );
    return Object.fromEntries(ids.map((id) => [id, answer[id] ?? 'reject']));
  });
  async('requestPayment', async (o) => {
    const payment = {
      timeStamp: o.timeStamp,
      nonceStr: o.nonceStr,
      package: o.package,
      signType: o.signType,
      paySign: o.paySign,
    };
    for (const [k, v] of Object.entries(payment))
      if (typeof v !== 'string' || v === '') throw new WxFail(`${k} missing`);
    // WeChat Pay's sheet needs the network as much as the cloud does.
    if (!host.network.online) throw new WxFail('network unavailable');
    if (host.answers.pay && !host.answers.pay()) throw new WxFail('cancel');
    await host.requestPayment(payment);
  });

  // ── Privacy: the app's own sheet answers; the simulator asks as WeChat does on a guarded API ──
  wx.onNeedPrivacyAuthorization = (listener: unknown) => record('onNeedPrivacyAuthorization', typeof listener);
  async('requirePrivacyAuthorize', () => record('requirePrivacyAuthorize', {}));
  async('openPrivacyContract', () => record('openPrivacyContract', {}));
  async('getPrivacySetting', () => ({ needAuthorization: false, privacyContractName: '《礼品卡中心隐私保护指引》' }));

  // ── Network and cloud ──
  async('request', async (o) => {
    if (!host.network.online) throw new WxFail('network unavailable');
    const header = Object.fromEntries(Object.entries((o.header as Record<string, string>) ?? {}));
    const res = await host.request({ url: String(o.url), method: String(o.method ?? 'GET'), data: o.data, header });
    let data = res.data;
    if ((o.dataType ?? 'json') === 'json' && typeof data === 'string') {
      try {
        data = JSON.parse(data);
      } catch {
        // WeChat leaves a body that is not JSON as text.
      }
    }
    return { data, statusCode: res.statusCode, header: res.header, cookies: [] };
  });
  let cloudEnv: string | undefined;
  wx.cloud = {
    init(opts: { env?: string } = {}) {
      cloudEnv = opts.env ?? 'default';
      record('cloud.init', opts);
    },
    callFunction(opts: Callbacks) {
      const run = async () => {
        if (cloudEnv === undefined) throw new Error('weapp-sim: wx.cloud.callFunction before wx.cloud.init');
        host.network.reachCloud('cloud.callFunction');
        // Kept for journeys that count calls: the function and its action.
        record('cloud.callFunction', {
          name: opts.name,
          action: (opts.data as { action?: unknown } | undefined)?.action,
        });
        const result = await host.callFunction(String(opts.name), opts.data ?? {});
        return { result, errMsg: 'cloud.callFunction:ok', requestID: 'sim' };
      };
      // WeChat's own failure (no network) goes to `fail` and the rejection as the same Error object.
      return deliver(opts, run(), (e) =>
        e instanceof CloudApiError
          ? { res: e, rejection: e }
          : { res: { errMsg: errMsgOf('cloud.callFunction', e), errCode: -1 }, rejection: e },
      );
    },
  };

  // ── Files: an in-memory user data folder (USER_DATA_PATH), what the app writes it keeps ──
  const files = new Map<string, string | ArrayBuffer>();
  const fsm: Record<string, (...args: unknown[]) => unknown> = {
    accessSync: (p) => {
      if (!files.has(String(p))) throw new Error(`accessSync:fail no such file or directory ${String(p)}`);
    },
    writeFileSync: (p, data) => {
      if (!String(p).startsWith('wxfile://usr/')) throw new Error(`writeFileSync:fail permission denied ${String(p)}`);
      files.set(String(p), data as string | ArrayBuffer);
      record('writeFile', { path: p });
    },
    // With an encoding ('base64', 'utf8') a string, as WeChat gives; without, the bytes as they were written.
    readFileSync: (p, encoding) => {
      const data = files.get(String(p)) ?? host.tempFiles.get(String(p));
      if (data === undefined) throw new Error(`readFileSync:fail no such file or directory ${String(p)}`);
      if (encoding === undefined) return data;
      const bytes = typeof data === 'string' ? Buffer.from(data) : Buffer.from(new Uint8Array(data));
      return bytes.toString(encoding === 'base64' ? 'base64' : 'utf8');
    },
  };
  wx.getFileSystemManager = () =>
    new Proxy(fsm, {
      get(target, key) {
        if (typeof key === 'string' && key in target) return target[key];
        const e = new Error(`weapp-sim: FileSystemManager.${String(key)} is not simulated`);
        host.crash(e);
        throw e;
      },
    });

  // Not compressed here: the same file comes back (its size is what the page then checks).
  async('compressImage', (o) => {
    const src = String(o.src ?? '');
    if (!files.has(src) && !host.tempFiles.has(src)) throw new WxFail(`no such file ${src}`);
    record('compressImage', { src, quality: o.quality, compressedWidth: o.compressedWidth });
    return { tempFilePath: src };
  });

  // ── Queries and canvases ──
  wx.createSelectorQuery = () => host.selectorQuery(undefined);
  wx.createOffscreenCanvas = (o: { width?: number; height?: number } = {}) =>
    new SimCanvas(o.width ?? 300, o.height ?? 150);
  async('canvasToTempFilePath', (o) => {
    if (!(o.canvas instanceof SimCanvas)) throw new WxFail('canvas not found');
    record('canvasToTempFilePath', { width: o.width, height: o.height });
    return { tempFilePath: `wxfile://tmp/canvas-${host.calls.length}.png` };
  });

  return new Proxy(wx, {
    get(target, key) {
      if (typeof key !== 'string' || key in target) return target[key as string];
      if (key === 'webpackJsonp') return undefined;
      const e = new Error(`weapp-sim: wx.${key} is not simulated (tools/weapp-sim/src/wx-api.ts)`);
      host.crash(e);
      return undefined;
    },
  });
}
