/** A brand's page: its cards' faces, amounts, validity, rules and stores. */
import { useEffect, useState } from 'react';
import { View, Text, Image } from '@tarojs/components';
import { Swiper, SwiperItem } from '../../components/swiper';
import Taro, { useRouter } from '@tarojs/taro';
import { observer } from 'mobx-react-lite';
import { customRangeText, validityText } from '../../components/format';
import { SectionTitle } from '../../components/section-title';
import { StateView } from '../../components/state-view';
import { formatPrice } from '../../domain/money';
import { useStores } from '../../stores';
import { errorMessage, strings } from '../../strings/zh-CN';
import { whenSignedIn } from '../use-signed-in';
import BuySheet from './buy-sheet';
import './index.scss';

function BrandPage() {
  const { catalog, purchase, session } = useStores();
  const [buying, setBuying] = useState(false);
  const { id = '', product: productParam } = useRouter().params;
  const view = catalog.brand;
  const [faceIndex, setFaceIndex] = useState(0);

  useEffect(() => {
    void catalog.loadBrand(id).then(() => {
      if (productParam) catalog.selectProduct(productParam);
    });
  }, [catalog, id, productParam]);

  useEffect(() => {
    if (view.data?.brand._id === id) void Taro.setNavigationBarTitle({ title: view.data.brand.name });
  }, [view.data, id]);

  if (view.status === 'error') {
    return (
      <StateView status="error" message={errorMessage(view.errorCode)} onRetry={() => void catalog.loadBrand(id)} />
    );
  }
  const data = view.data?.brand._id === id ? view.data : undefined;
  const product = catalog.selectedProduct;
  if (!data || view.status !== 'ready') return <StateView status="loading" />;
  const { brand } = data;
  const face = product?.faces[Math.min(faceIndex, product.faces.length - 1)];

  return (
    <View className="brand">
      <View className="brand__header" style={{ backgroundColor: brand.color }}>
        <Image className="brand__logo" src={brand.logo} />
        <View className="brand__heading">
          <Text className="brand__name">{brand.name}</Text>
          <Text className="brand__slogan">{brand.slogan}</Text>
        </View>
      </View>

      {data.products.length > 1 && (
        <View className="brand__products">
          {data.products.map((p) => (
            <Text
              key={p._id}
              className={`brand__product-tab${p._id === product?._id ? ' brand__product-tab--active' : ''}`}
              onClick={() => {
                setFaceIndex(0);
                catalog.selectProduct(p._id);
              }}
            >
              {p.name}
            </Text>
          ))}
        </View>
      )}

      {!product ? (
        <StateView status="empty" />
      ) : (
        <View>
          <Text className="brand__product-name">{product.name}</Text>
          <Swiper
            className="brand__faces"
            current={Math.min(faceIndex, product.faces.length - 1)}
            previousMargin="24px"
            nextMargin="24px"
            onChange={(e) => setFaceIndex(e.detail.current)}
          >
            {product.faces.map((f) => (
              <SwiperItem key={f.id}>
                <Image className="brand__face" src={f.image} mode="aspectFit" aria-label={f.name} />
              </SwiperItem>
            ))}
          </Swiper>
          <View className="brand__dots">
            {product.faces.map((f, i) => (
              <View key={f.id} className={`brand__dot${i === faceIndex ? ' brand__dot--active' : ''}`} />
            ))}
          </View>
          {face && (
            <View className="brand__card">
              <Text className="brand__label">
                {strings.brand.blessingTitle} · {face.name}
              </Text>
              <Text className="brand__blessing">{face.blessing}</Text>
            </View>
          )}

          <SectionTitle title={strings.brand.denominationsTitle} />
          <View className="brand__card">
            <View className="brand__chips">
              {product.denominations.map((d) => (
                <Text key={d} className="brand__chip">
                  {formatPrice(d)}
                </Text>
              ))}
            </View>
            {customRangeText(product) && <Text className="brand__note">{customRangeText(product)}</Text>}
          </View>

          <SectionTitle title={strings.brand.detailsTitle} />
          <View className="brand__card">
            <Row label={strings.brand.kindLabel} value={strings.product.kind[product.kind]} />
            <Row label={strings.brand.validityLabel} value={validityText(product.validity)} />
            <Row label={strings.brand.transferLabel} value={strings.brand.transferTimes(product.transferLimit)} />
            <Row label={strings.brand.refundLabel} value={strings.brand.refundRule(product.refundWindowDays)} />
          </View>

          <SectionTitle title={strings.brand.rulesTitle} />
          <View className="brand__card">
            {product.usageRules.map((r, i) => (
              <Text key={i} className="brand__rule">
                {i + 1}. {r}
              </Text>
            ))}
          </View>
        </View>
      )}

      {product?.onSale && (
        <View className="action-bar">
          <Text
            className="btn"
            data-testid="buy"
            onClick={() =>
              whenSignedIn(session.signedIn, () => {
                purchase.open(product, face?.id);
                setBuying(true);
              })
            }
          >
            {strings.buy.open}
          </Text>
        </View>
      )}
      {buying && <BuySheet onClose={() => setBuying(false)} />}

      <SectionTitle title={strings.brand.storesTitle} />
      <View className="brand__card">
        {brand.stores.map((s) => (
          <View key={s.id} className="brand__store">
            <Text className="brand__store-name">{s.name}</Text>
            <Text className="brand__store-address">{s.address}</Text>
          </View>
        ))}
      </View>
    </View>
  );
}

function Row({ label, value }: { label: string; value: string }) {
  return (
    <View className="brand__row">
      <Text className="brand__row-label">{label}</Text>
      <Text className="brand__row-value">{value}</Text>
    </View>
  );
}

export default observer(BrandPage);
