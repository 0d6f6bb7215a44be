/** A shelf heading with an optional subtitle. */
import { View, Text } from '@tarojs/components';
import './section-title.scss';

export function SectionTitle({ title, subtitle }: { title: string; subtitle?: string }) {
  return (
    <View className="section-title">
      <Text className="section-title__title">{title}</Text>
      {subtitle && <Text className="section-title__subtitle">{subtitle}</Text>}
    </View>
  );
}
