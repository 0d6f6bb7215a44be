/** A card drawn as its face, with the brand and the balance over it. */
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
}

export function CardFace({ image, brandName, balance, caption, dimmed, onClick }: CardFaceProps) {
  return (
    <View className={`card-face${dimmed ? ' card-face--dimmed' : ''}`} onClick={onClick} data-testid="card-face">
      <Image className="card-face__art" src={image} mode="widthFix" />
      <View className="card-face__overlay">
        <Text className="card-face__brand">{brandName}</Text>
        {balance !== undefined && <Text className="card-face__balance">{exactPrice(balance)}</Text>}
        {caption && <Text className="card-face__caption">{caption}</Text>}
      </View>
    </View>
  );
}
