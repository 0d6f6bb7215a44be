/** A gift card on a shelf: its face, the brand, the card name and the lowest price. */
import { View, Text, Image } from '@tarojs/components';
import type { ProductSummary } from '../contracts/catalog';
import { fromPriceText } from './format';
import './product-tile.scss';

export interface ProductTileProps {
  product: ProductSummary;
  /** `wide` for the featured carousel, `grid` for two-column shelves. */
  layout?: 'wide' | 'grid';
  onOpen: (product: ProductSummary) => void;
}

export function ProductTile({ product, layout = 'grid', onOpen }: ProductTileProps) {
  return (
    <View
      className={`product-tile product-tile--${layout}`}
      onClick={() => onOpen(product)}
      role="link"
      aria-label={product.name}
    >
      <Image className="product-tile__face" src={product.cover.image} mode="aspectFill" lazyLoad />
      <View className="product-tile__body">
        <Text className="product-tile__brand">{product.brandName}</Text>
        <Text className="product-tile__name">{product.name}</Text>
        <Text className="product-tile__price">{fromPriceText(product.fromPrice)}</Text>
      </View>
    </View>
  );
}
