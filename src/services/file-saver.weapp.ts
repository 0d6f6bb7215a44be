/**
 * Mini-program: a file can't be downloaded to the phone, so it is written to the user data folder and
 * offered to a chat (shareFileMessage, where the person can forward or open it on a computer); where
 * that isn't available, the text goes to the clipboard.
 */
import Taro from '@tarojs/taro';
import type { SaveTextFile } from './file-saver-types';

export const saveTextFile: SaveTextFile = async (name, text) => {
  try {
    const filePath = `${Taro.env.USER_DATA_PATH}/${name}`;
    Taro.getFileSystemManager().writeFileSync(filePath, text, 'utf8');
    await Taro.shareFileMessage({ filePath, fileName: name });
    return 'shared';
  } catch {
    await Taro.setClipboardData({ data: text });
    return 'copied';
  }
};
