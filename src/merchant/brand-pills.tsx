/** The operator's brands as pills, when they run more than one: picking one reloads the page's data. */
import { View, Text } from '@tarojs/components';
import { observer } from 'mobx-react-lite';
import { useStaffStores } from './stores';

export const BrandPills = observer(function BrandPills({ onPick }: { onPick: (brandId: string) => void }) {
  const { operator } = useStaffStores();
  const brands = operator.brands.data ?? [];
  if (brands.length < 2) return null;
  return (
    <View className="pills op-brands">
      {brands.map((b) => (
        <Text
          key={b.id}
          className={`pills__item${b.id === operator.brandId ? ' pills__item--active' : ''}`}
          onClick={() => onPick(b.id)}
          data-testid="operator-brand"
        >
          {b.name}
        </Text>
      ))}
    </View>
  );
});
