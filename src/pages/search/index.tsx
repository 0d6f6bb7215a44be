/** Search by brand name, pinyin or card name, as the user types (debounced). */
import { useEffect, useRef, useState } from 'react';
import { View, Text } from '@tarojs/components';
import { Input } from '../../components/input';
import { observer } from 'mobx-react-lite';
import { BrandTile } from '../../components/brand-tile';
import { ProductTile } from '../../components/product-tile';
import { SectionTitle } from '../../components/section-title';
import { StateView } from '../../components/state-view';
import { CATALOG_LIMITS } from '../../contracts/catalog';
import { useStores } from '../../stores';
import { errorMessage, strings } from '../../strings/zh-CN';
import { navigate } from '../routes';
import './index.scss';

const DEBOUNCE_MS = 300;

function SearchPage() {
  const { catalog } = useStores();
  const view = catalog.search;
  const [text, setText] = useState(catalog.keyword);
  const timer = useRef<ReturnType<typeof setTimeout>>();

  useEffect(() => () => clearTimeout(timer.current), []);

  const onInput = (value: string) => {
    setText(value);
    clearTimeout(timer.current);
    timer.current = setTimeout(() => void catalog.searchFor(value), DEBOUNCE_MS);
  };

  return (
    <View className="search">
      <View className="search__bar">
        <Input
          className="search__input"
          value={text}
          focus
          confirmType="search"
          maxlength={CATALOG_LIMITS.keywordMax}
          placeholder={strings.search.placeholder}
          onInput={(e) => onInput(e.detail.value)}
          onConfirm={(e) => void catalog.searchFor(e.detail.value)}
        />
      </View>
      {view.status === 'idle' && <Text className="search__hint">{strings.search.hint}</Text>}
      {view.status === 'loading' && <StateView status="loading" />}
      {view.status === 'error' && (
        <StateView status="error" message={errorMessage(view.errorCode)} onRetry={() => void catalog.searchFor(text)} />
      )}
      {view.status === 'empty' && (
        <StateView
          status="empty"
          message={strings.search.empty(catalog.keyword.trim())}
          hint={strings.search.emptyHint}
        />
      )}
      {view.status === 'ready' && view.data && (
        <View className="search__results">
          {view.data.brands.length > 0 && <SectionTitle title={strings.search.brandsTitle} />}
          <View className="tile-list">
            {view.data.brands.map((b) => (
              <BrandTile key={b._id} brand={b} onOpen={(brand) => navigate.brand(brand._id)} />
            ))}
          </View>
          {view.data.products.length > 0 && <SectionTitle title={strings.search.productsTitle} />}
          <View className="card-grid">
            {view.data.products.map((p) => (
              <ProductTile key={p._id} product={p} onOpen={(product) => navigate.brand(product.brandId, product._id)} />
            ))}
          </View>
        </View>
      )}
    </View>
  );
}

export default observer(SearchPage);
