/** The five category entries on the home page, each with its own colour and glyph. */
import { View, Text } from '@tarojs/components';
import type { Category, CategoryId } from '../../domain/catalog';
import { strings } from '../../strings/zh-CN';

const GLYPH: Record<CategoryId, { glyph: string; color: string }> = {
  dining: { glyph: '餐', color: '#c4502c' },
  retail: { glyph: '购', color: '#6a4fe0' },
  entertainment: { glyph: '娱', color: '#c2306a' },
  supermarket: { glyph: '超', color: '#12805a' },
  ecommerce: { glyph: '网', color: '#2563d9' },
};

export function CategoryGrid({ categories, onOpen }: { categories: Category[]; onOpen: (id: CategoryId) => void }) {
  return (
    <View className="category-grid">
      {categories.map((c) => (
        <View
          key={c._id}
          className="category-grid__item"
          onClick={() => onOpen(c._id)}
          role="link"
          aria-label={strings.categories[c._id]}
        >
          <View className="category-grid__icon" style={{ background: GLYPH[c._id].color }}>
            <Text>{GLYPH[c._id].glyph}</Text>
          </View>
          <Text className="category-grid__name">{strings.categories[c._id]}</Text>
        </View>
      ))}
    </View>
  );
}
