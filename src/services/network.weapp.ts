/** Mini-program: wx.getNetworkType ("none" with no network) and wx.onNetworkStatusChange. */
import Taro from '@tarojs/taro';
import type { NetworkService } from './network-types';

export const network: NetworkService = {
  async online() {
    try {
      return (await Taro.getNetworkType()).networkType !== 'none';
    } catch {
      return true;
    }
  },
  watch(listener) {
    const onChange = (r: { isConnected: boolean }) => listener(r.isConnected);
    Taro.onNetworkStatusChange(onChange);
    return () => Taro.offNetworkStatusChange(onChange);
  },
};
