/** A row of card faces to choose from (the buy sheet, the gift form). */
import { View, Text, Image } from '@tarojs/components';
import './face-picker.scss';

export interface PickableFace {
  id: string;
  name: string;
  image: string;
}

export function FacePicker({
  faces,
  selected,
  onSelect,
}: {
  faces: readonly PickableFace[];
  selected: string;
  onSelect: (id: string) => void;
}) {
  return (
    <View className="face-picker">
      {faces.map((f) => (
        <View
          key={f.id}
          className={`face-picker__face${f.id === selected ? ' face-picker__face--active' : ''}`}
          onClick={() => onSelect(f.id)}
          data-testid="face-option"
        >
          <Image className="face-picker__art" src={f.image} mode="aspectFill" />
          <Text className="face-picker__name">{f.name}</Text>
        </View>
      ))}
    </View>
  );
}
