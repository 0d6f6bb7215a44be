/**
 * The simulated phone's network, which a test can take away and give back (a basement, a mall):
 * what wx.getNetworkType answers, the wx.onNetworkStatusChange listeners WeChat calls on a change,
 * and whether calls that need the network (wx.cloud.callFunction, wx.request, wx.requestPayment)
 * reach the local cloud.
 *
 * WeChat's side, as documented:
 * - wx.getNetworkType answers `networkType` `wifi` / `2g` / `3g` / `4g` / `5g` / `unknown` / `none`
 *   ("none": 无网络) — developers.weixin.qq.com/miniprogram/dev/api/device/network/wx.getNetworkType.html
 * - wx.onNetworkStatusChange's listener gets `{ isConnected, networkType }` on every change —
 *   developers.weixin.qq.com/miniprogram/dev/api/device/network/wx.onNetworkStatusChange.html
 * - a cloud API that fails (the fail callback, or the Promise's rejection) gives an `Error` object
 *   with `errCode` (-1: 通用错误) and `errMsg` ("<api>:fail <detail>") —
 *   developers.weixin.qq.com/miniprogram/dev/wxcloud/reference/errcode.html and wx.cloud.callFunction's
 *   reference (fail: errCode, errMsg). Its message reads "errCode: <code> | errMsg: <errMsg>" in the
 *   errors developers post from the client; the detail WeChat writes for a phone with no network is
 *   not documented, so the one here is ours, and the app must not depend on it.
 * - wx.request and wx.requestPayment fail with `errMsg` "<api>:fail <detail>" (their `fail` callback).
 */

/** What wx.getNetworkType answers (the ones the simulator's phone can be on). */
export type NetworkType = 'wifi' | '4g' | 'none';

export interface NetworkStatus {
  isConnected: boolean;
  networkType: NetworkType;
}

/** A failed cloud call as WeChat gives it to `fail` and to the Promise's rejection. */
export class CloudApiError extends Error {
  constructor(
    readonly errCode: number,
    readonly errMsg: string,
  ) {
    super(`errCode: ${errCode} | errMsg: ${errMsg}`);
  }
}

export class SimNetwork {
  private current: NetworkType = 'wifi';
  private readonly listeners = new Set<(status: NetworkStatus) => void>();

  get type(): NetworkType {
    return this.current;
  }

  get online(): boolean {
    return this.current !== 'none';
  }

  /** wx.onNetworkStatusChange: kept until taken off, as WeChat keeps them. */
  listen(fn: (status: NetworkStatus) => void): void {
    this.listeners.add(fn);
  }

  /** wx.offNetworkStatusChange: this listener, or all of them when none is named. */
  unlisten(fn?: (status: NetworkStatus) => void): void {
    if (fn) this.listeners.delete(fn);
    else this.listeners.clear();
  }

  /**
   * The phone moves to `type`: on a change every listener hears of it on a later turn (WeChat calls
   * them from the client, never inside the call that changed nothing); `failed` takes what a listener threw.
   */
  set(type: NetworkType, failed: (e: unknown) => void): void {
    if (type === this.current) return;
    this.current = type;
    const status: NetworkStatus = { isConnected: type !== 'none', networkType: type };
    for (const fn of [...this.listeners]) {
      setTimeout(() => {
        try {
          fn(status);
        } catch (e) {
          failed(e);
        }
      }, 0);
    }
  }

  /** Throws as WeChat fails cloud API `api` on a phone with no network. */
  reachCloud(api: string): void {
    if (!this.online) throw new CloudApiError(-1, `${api}:fail network unavailable`);
  }
}
