/** Home: search entry, categories, featured cards and themed shelves. */
import { useEffect } from 'react';
import { View, Text, ScrollView } from '@tarojs/components';
import { observer } from 'mobx-react-lite';
import { ProductTile } from '../../components/product-tile';
import { SectionTitle } from '../../components/section-title';
import { StateView } from '../../components/state-view';
import { useStores } from '../../stores';
import { errorMessage, strings } from '../../strings/zh-CN';
import { navigate } from '../routes';
import { CategoryGrid } from './category-grid';
import './index.scss';

function HomePage() {
  const { catalog } = useStores();
  const view = catalog.home;

  useEffect(() => {
    if (view.status === 'idle') void catalog.loadHome();
  }, [catalog, view]);

  const openProduct = (p: { _id: string; brandId: string }) => navigate.brand(p.brandId, p._id);

  return (
    <View className="home">
      <View className="home__hero">
        {/* The title bar already names the app: the hero says what it is for. */}
        <Text className="home__title">{strings.home.tagline}</Text>
        <View className="home__search" onClick={navigate.search} role="search">
          <Text className="home__search-icon">⌕</Text>
          <Text className="home__search-text">{strings.home.searchPlaceholder}</Text>
        </View>
      </View>
      {view.status === 'loading' || view.status === 'idle' ? (
        <StateView status="loading" />
      ) : view.status === 'error' ? (
        <StateView status="error" message={errorMessage(view.errorCode)} onRetry={() => void catalog.loadHome()} />
      ) : view.status === 'empty' || !view.data ? (
        <StateView status="empty" />
      ) : (
        <View>
          <CategoryGrid categories={view.data.categories} onOpen={navigate.category} />
          <SectionTitle title={strings.home.featuredTitle} subtitle={strings.home.featuredSubtitle} />
          <ScrollView className="home__featured" scrollX enhanced showScrollbar={false}>
            {view.data.featured.map((p) => (
              <ProductTile key={p._id} product={p} layout="wide" onOpen={openProduct} />
            ))}
          </ScrollView>
          {view.data.themes.map((shelf) => (
            <View key={shelf.theme} className="home__shelf">
              <SectionTitle title={strings.themes[shelf.theme]} subtitle={strings.home.themeSubtitle} />
              <View className="card-grid">
                {shelf.products.map((p) => (
                  <ProductTile key={p._id} product={p} onOpen={openProduct} />
                ))}
              </View>
            </View>
          ))}
        </View>
      )}
    </View>
  );
}

export default observer(HomePage);
