/**
 * A person's avatar: the one in their profile (a drawn default, an image they chose), or — before
 * they chose one — the first character of their name on a round ground.
 */
import { Image, Text, View } from '@tarojs/components';
import { avatarSrc } from '../domain/profile';
import './avatar.scss';

export function Avatar({
  avatar,
  name,
  size = 56,
  className = '',
}: {
  avatar?: string;
  name: string;
  size?: number;
  className?: string;
}) {
  const style = { width: `${size}px`, height: `${size}px`, borderRadius: `${size / 2}px` };
  if (avatar)
    return (
      <Image
        className={`avatar ${className}`}
        style={style}
        src={avatarSrc(avatar)}
        mode="aspectFill"
        data-testid="avatar"
      />
    );
  return (
    <View
      className={`avatar avatar--initial ${className}`}
      style={{ ...style, fontSize: `${Math.round(size * 0.43)}px` }}
      data-testid="avatar-initial"
    >
      <Text>{[...name.trim()][0] ?? '礼'}</Text>
    </View>
  );
}
