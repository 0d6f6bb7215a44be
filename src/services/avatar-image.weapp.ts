/**
 * Mini-program: the avatar `chooseAvatar` gives (a temp file) compressed to 132 px wide and read as
 * base64 into a JPEG data: URL, which the profile stores as it is (the local cloud has no file
 * storage; in production a cloud file id is accepted too).
 */
import Taro from '@tarojs/taro';
import { AVATAR_PX, type AvatarImage } from './avatar-image-types';

export const avatarImage: AvatarImage = async (picked) => {
  const small = await Taro.compressImage({ src: picked, quality: 80, compressedWidth: AVATAR_PX }).catch(() => ({
    tempFilePath: picked,
  }));
  const data = Taro.getFileSystemManager().readFileSync(small.tempFilePath, 'base64') as string;
  return `data:image/jpeg;base64,${data}`;
};
