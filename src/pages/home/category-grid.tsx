/** The five category entries on the home page, each with its drawn icon. */
import { View, Text } from '@tarojs/components';
import { CategoryIcon } from '../../components/category-icon';
import type { Category, CategoryId } from '../../domain/catalog';
import { strings } from '../../strings/zh-CN';

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
          <CategoryIcon id={c._id} className="category-grid__icon" />
          <Text className="category-grid__name">{strings.categories[c._id]}</Text>
        </View>
      ))}
    </View>
  );
}
