/**
 * A card drawn as its face, with the brand and the balance under it; a gift's face also carries the
 * giver's words and name on the art, the way the friend will see them.
 */
import { View, Text, Image } from '@tarojs/components';
import { exactPrice } from './format';
import type { Fen } from '../domain/money';
import './card-face.scss';

export interface CardFaceProps {
  image: string;
  brandName: string;
  balance?: Fen;
  caption?: string;
  dimmed?: boolean;
  onClick?: () => void;
  /** A gift's blessing and the giver's name, written on the face. */
  message?: { blessing: string; from: string };
}

export function CardFace({ image, brandName, balance, caption, dimmed, onClick, message }: CardFaceProps) {
  const words = message?.blessing.trim() ?? '';
  return (
    <View className={`card-face${dimmed ? ' card-face--dimmed' : ''}`} onClick={onClick} data-testid="card-face">
      <View className="card-face__frame">
        <Image className="card-face__art" src={image} mode="widthFix" />
        {message && (words !== '' || message.from.trim() !== '') && (
          <View className="card-face__message" data-testid="card-face-message">
            {words !== '' && <Text className="card-face__words">{words}</Text>}
            {message.from.trim() !== '' && <Text className="card-face__from">— {message.from.trim()}</Text>}
          </View>
        )}
      </View>
      <View className="card-face__overlay">
        <Text className="card-face__brand">{brandName}</Text>
        {balance !== undefined && <Text className="card-face__balance">{exactPrice(balance)}</Text>}
        {caption && <Text className="card-face__caption">{caption}</Text>}
      </View>
    </View>
  );
}
