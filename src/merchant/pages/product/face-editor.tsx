/** One face in the product editor: name, theme, two colours from the palette, blessing, live preview. */
import { View, Text } from '@tarojs/components';
import { Input } from '../../../components/input';
import { observer } from 'mobx-react-lite';
import { CardFace } from '../../../components/card-face';
import { THEME_IDS } from '../../../domain/catalog';
import { cardFaceArt } from '../../../domain/face-art';
import { PRODUCT_LIMITS } from '../../../domain/product-rules';
import { useStaffStores } from '../../stores';
import { FACE_PALETTE } from '../../../stores/product-draft';
import { merchantStrings } from '../../../strings/zh-CN.merchant';
import { Chip } from '../../../components/chip';

const e = merchantStrings.operator.editor;

export const FaceEditor = observer(function FaceEditor({ index }: { index: number }) {
  const { operator } = useStaffStores();
  const face = operator.draft.faces[index];
  if (!face) return null;
  const brandName = operator.brand?.name ?? '';
  const problem = operator.issueFor(`faces.${index}`);
  const pick = (slot: 0 | 1, color: string) => {
    const colors: [string, string] = slot === 0 ? [color, face.colors[1]] : [face.colors[0], color];
    operator.editFace(index, { colors });
  };
  return (
    <View className="op-face" data-testid="face-editor">
      <CardFace
        image={cardFaceArt({ brandName, title: face.name, theme: face.theme, colors: face.colors })}
        brandName=""
      />
      <Text className="op-label">{e.faceName}</Text>
      <View className="op-inline">
        <Input
          className="field"
          value={face.name}
          maxlength={PRODUCT_LIMITS.faceNameMax}
          onInput={(ev) => operator.editFace(index, { name: ev.detail.value })}
          data-testid="face-name"
        />
        {operator.draft.faces.length > 1 && (
          <Text className="op-link" onClick={() => operator.removeFace(index)} data-testid="face-remove">
            {e.faceRemove}
          </Text>
        )}
      </View>
      <Text className="op-label">{e.faceTheme}</Text>
      <View>
        {THEME_IDS.map((t) => (
          <Chip
            key={t}
            active={face.theme === t}
            onPress={() => operator.editFace(index, { theme: t })}
            testId="face-theme"
          >
            {merchantStrings.operator.themes[t]}
          </Chip>
        ))}
      </View>
      <Text className="op-label">{e.faceColors}</Text>
      {([0, 1] as const).map((slot) => (
        <View key={slot}>
          {FACE_PALETTE.map((c) => (
            <Text
              key={c}
              className={`op-swatch${face.colors[slot] === c ? ' op-swatch--active' : ''}`}
              style={{ background: c }}
              onClick={() => pick(slot, c)}
              data-testid={`face-color-${slot}`}
            />
          ))}
        </View>
      ))}
      <Text className="op-label">{e.faceBlessing}</Text>
      <Input
        className="field"
        value={face.blessing}
        maxlength={PRODUCT_LIMITS.blessingMax}
        onInput={(ev) => operator.editFace(index, { blessing: ev.detail.value })}
        data-testid="face-blessing"
      />
      {problem && <Text className="error-text">{problem}</Text>}
    </View>
  );
});
