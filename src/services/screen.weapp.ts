/** Mini-program: full brightness and no screen sleep while the pay code is up, as WeChat's own pay code does. */
import Taro from '@tarojs/taro';
import type { ScreenService } from './screen-types';

let before: number | undefined;

export const screen: ScreenService = {
  async keepBright() {
    try {
      before ??= (await Taro.getScreenBrightness()).value;
      await Taro.setScreenBrightness({ value: 1 });
      await Taro.setKeepScreenOn({ keepScreenOn: true });
    } catch {
      // Brightness is a comfort, not a condition: the code is shown either way.
    }
  },
  async restore() {
    const value = before;
    before = undefined;
    try {
      if (value !== undefined) await Taro.setScreenBrightness({ value });
      await Taro.setKeepScreenOn({ keepScreenOn: false });
    } catch {
      // As above: nothing to undo when it never took.
    }
  },
};
