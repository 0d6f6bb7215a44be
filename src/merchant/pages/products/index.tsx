/** 卡券管理: the brand's products, on sale or not, with price range, stock and the sale switch. */
import { View, Text, Image } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { observer } from 'mobx-react-lite';
import { ActionButton } from '../../../components/action-button';
import { StateView } from '../../../components/state-view';
import type { OperatorProductView } from '../../../contracts/operator';
import { KIND_CAP } from '../../../domain/catalog';
import { formatPrice, maxFen, minFen } from '../../../domain/money';
import { navigate } from '../../../pages/routes';
import { useStaffStores } from '../../stores';
import { errorMessage } from '../../../strings/zh-CN';
import { merchantStrings } from '../../../strings/zh-CN.merchant';
import { BrandPills } from '../../brand-pills';
import { useSignedIn } from '../../../pages/use-signed-in';
import { StaffGate } from '../../staff-gate';
import '../../operator.scss';

const s = merchantStrings.operator.products;

function priceText(p: OperatorProductView): string {
  const amounts = [...p.denominations, ...(p.customAmount ? [p.customAmount.min, p.customAmount.max] : [])];
  const [first, ...rest] = amounts;
  if (first === undefined) return '—';
  const from = minFen(first, ...rest);
  const to = minFen(maxFen(first, ...rest), KIND_CAP[p.kind]);
  return from === to ? formatPrice(from) : s.priceRange(formatPrice(from), formatPrice(to));
}

const ProductRow = observer(function ProductRow({ p }: { p: OperatorProductView }) {
  const { operator } = useStaffStores();
  const busy = operator.action.busy;
  return (
    <View className="op-row" data-testid="product-row" data-product-id={p._id}>
      <Image className="op-row__thumb" src={p.faces[0]?.image ?? ''} mode="aspectFill" />
      <View className="op-row__main" onClick={() => navigate.merchantProduct(p.brandId, p._id)}>
        <Text className="op-row__name">{p.name}</Text>
        <Text className="muted">{priceText(p)}</Text>
        <Text className="muted" data-testid="product-stock">
          {p.stock === null ? s.unlimited : s.stock(p.stock)}
          {p.stock !== null && (
            <>
              <Text
                className="op-link"
                onClick={(e) => {
                  e.stopPropagation();
                  if (!busy) void operator.adjustStock(p._id, 10);
                }}
                data-testid="product-stock-add"
              >
                {s.stockAdd}
              </Text>
              {p.stock > 0 && (
                <Text
                  className="op-link"
                  onClick={(e) => {
                    e.stopPropagation();
                    if (!busy) void operator.adjustStock(p._id, -1);
                  }}
                  data-testid="product-stock-remove"
                >
                  {s.stockRemove}
                </Text>
              )}
            </>
          )}
        </Text>
      </View>
      <View className="op-row__side">
        <Text
          className={`op-toggle${p.onSale ? ' op-toggle--on' : ''}`}
          onClick={() => !busy && void operator.toggleSale(p._id)}
          data-testid="product-sale-toggle"
          data-on-sale={p.onSale ? 'true' : 'false'}
        >
          {p.onSale ? s.onSale : s.offSale}
        </Text>
      </View>
    </View>
  );
});

const Products = observer(function Products({ routeBrandId }: { routeBrandId: string }) {
  const { operator } = useStaffStores();
  // The brand the page was opened for is known before the brand list has loaded: a new product can
  // be started at once (the cloud checks the operator's role for it anyway).
  const brand = operator.brandId || routeBrandId;
  const view = operator.products;
  const reload = () => void operator.loadProducts();
  const list = view.data ?? [];
  return (
    <View className="page">
      <BrandPills onPick={(id) => void operator.loadProducts(id)} />
      {operator.action.errorCode && (
        <Text className="error-text" data-testid="products-error">
          {errorMessage(operator.action.errorCode)}
        </Text>
      )}
      {view.status === 'error' && !view.data ? (
        <StateView status="error" message={errorMessage(view.errorCode)} onRetry={reload} />
      ) : !view.data ? (
        <StateView status="loading" />
      ) : list.length === 0 ? (
        <StateView status="empty" message={s.empty} hint={s.emptyHint} />
      ) : (
        <View className="panel">
          {list.map((p) => (
            <ProductRow key={p._id} p={p} />
          ))}
        </View>
      )}
      <View className="action-bar">
        <ActionButton disabled={!brand} onPress={() => navigate.merchantProduct(brand)} testId="product-new">
          {s.add}
        </ActionButton>
      </View>
    </View>
  );
});

export default function ProductsPage() {
  const { brandId = '' } = useRouter().params;
  const { operator } = useStaffStores();
  // Here, outside the gate: content it mounts later would miss the page's first show.
  useSignedIn(() => void operator.loadProducts(brandId || operator.brandId));
  return (
    <StaffGate>
      <Products routeBrandId={brandId} />
    </StaffGate>
  );
}
