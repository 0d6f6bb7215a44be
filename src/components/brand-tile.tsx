/** A brand in a list: logo, name, slogan and how many cards it sells. */
import { View, Text, Image } from '@tarojs/components';
import type { BrandSummary } from '../contracts/catalog';
import { strings } from '../strings/zh-CN';
import './brand-tile.scss';

export interface BrandTileProps {
  brand: BrandSummary;
  onOpen: (brand: BrandSummary) => void;
}

export function BrandTile({ brand, onOpen }: BrandTileProps) {
  return (
    <View className="brand-tile" onClick={() => onOpen(brand)} role="link" aria-label={brand.name}>
      <Image className="brand-tile__logo" src={brand.logo} />
      <View className="brand-tile__text">
        <Text className="brand-tile__name">{brand.name}</Text>
        <Text className="brand-tile__slogan">{brand.slogan}</Text>
      </View>
      <Text className="brand-tile__count">{strings.category.productCount(brand.productCount)}</Text>
    </View>
  );
}
