/** A category: its icon and name, its brands, then every card they sell. */
import { useEffect } from 'react';
import { Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { observer } from 'mobx-react-lite';
import { BrandTile } from '../../components/brand-tile';
import { CategoryIcon } from '../../components/category-icon';
import { ProductTile } from '../../components/product-tile';
import { SectionTitle } from '../../components/section-title';
import { StateView } from '../../components/state-view';
import { CATEGORY_IDS, type CategoryId } from '../../domain/catalog';
import { useStores } from '../../stores';
import { errorMessage, strings } from '../../strings/zh-CN';
import { navigate } from '../routes';
import './index.scss';

function CategoryPage() {
  const { catalog } = useStores();
  const raw = useRouter().params.id ?? '';
  const id = (CATEGORY_IDS as readonly string[]).includes(raw) ? (raw as CategoryId) : undefined;
  const view = catalog.category;

  useEffect(() => {
    if (!id) return;
    void Taro.setNavigationBarTitle({ title: strings.categories[id] });
    void catalog.loadCategory(id);
  }, [catalog, id]);

  if (!id)
    return (
      <StateView
        status="error"
        message={errorMessage('NOT_FOUND')}
        onRetry={() => navigate.home()}
        actionText={strings.state.toHome}
      />
    );
  const data = view.data?.category._id === id ? view.data : undefined;
  if (view.status === 'error') {
    return (
      <StateView status="error" message={errorMessage(view.errorCode)} onRetry={() => void catalog.loadCategory(id)} />
    );
  }
  if (view.status === 'empty') return <StateView status="empty" />;
  if (!data || view.status !== 'ready') return <StateView status="loading" />;

  return (
    <View className="category">
      <View className="category__header">
        <CategoryIcon id={id} className="category__icon" />
        <Text className="category__name">{strings.categories[id]}</Text>
      </View>
      <SectionTitle title={strings.category.brandsTitle} />
      <View className="tile-list">
        {data.brands.map((b) => (
          <BrandTile key={b._id} brand={b} onOpen={(brand) => navigate.brand(brand._id)} />
        ))}
      </View>
      <SectionTitle title={strings.category.productsTitle} />
      <View className="card-grid">
        {data.products.map((p) => (
          <ProductTile key={p._id} product={p} onOpen={(product) => navigate.brand(product.brandId, product._id)} />
        ))}
      </View>
    </View>
  );
}

export default observer(CategoryPage);
