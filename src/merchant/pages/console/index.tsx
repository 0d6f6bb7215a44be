/**
 * 商户工作台: the operator's console — brand switcher, KPI tiles, the day chart (sold and redeemed
 * side by side, bar heights proportional to the range's largest value, the figures shown on tap),
 * the per-store chart and the menu of merchant pages. Clerks see a designed "operators only" screen.
 */
import { View, Text } from '@tarojs/components';
import { observer } from 'mobx-react-lite';
import { useEffect, useState } from 'react';
import { StateView } from '../../../components/state-view';
import { formatPrice, formatSignedPrice } from '../../../domain/money';
import { navigate } from '../../../pages/routes';
import { useStaffStores } from '../../stores';
import { errorMessage } from '../../../strings/zh-CN';
import { merchantStrings } from '../../../strings/zh-CN.merchant';
import { StaffGate } from '../../staff-gate';
import { Chip } from '../../../components/chip';
import './index.scss';

const r = merchantStrings.reports.console;
const percent = (bp: number): string => `${Math.floor(bp / 100)}.${String(bp % 100).padStart(2, '0')}%`;
/** Bar height in percent of the chart, at least a sliver for a non-zero value. */
const height = (value: number, max: number): string => `${value === 0 ? 0 : Math.max(2, (value / max) * 100)}%`;

interface MenuItem {
  label: string;
  go: () => void;
  testId: string;
}

function menuFor(brandId: string): MenuItem[] {
  return [
    { label: r.menu.scan, go: () => navigate.merchantScan(), testId: 'console-menu-scan' },
    { label: r.menu.history, go: () => navigate.merchantHistory(), testId: 'console-menu-history' },
    { label: r.menu.products, go: () => navigate.merchantProducts(brandId), testId: 'console-menu-products' },
    { label: r.menu.team, go: () => navigate.merchantTeam(brandId), testId: 'console-menu-team' },
    { label: r.menu.batch, go: () => navigate.merchantBatch(brandId), testId: 'console-menu-batch' },
    { label: r.menu.extensions, go: () => navigate.merchantExtensions(brandId), testId: 'console-menu-extensions' },
    { label: r.menu.reports, go: () => navigate.merchantReports(brandId), testId: 'console-menu-reports' },
  ];
}

const Dashboard = observer(function Dashboard() {
  const { reports } = useStaffStores();
  const [picked, setPicked] = useState<string | undefined>(undefined);
  const view = reports.dashboard;
  if (view.status === 'error' && !view.data)
    return (
      <StateView status="error" message={errorMessage(view.errorCode)} onRetry={() => void reports.loadDashboard()} />
    );
  if (!view.data) return <StateView status="loading" />;
  const d = view.data;
  const max = reports.chartMax;
  const shown = d.byDay.find((row) => row.day === picked);
  return (
    <View>
      <View className="console__kpis">
        <View className="console__kpi" data-testid="console-kpi-sold" data-value={d.totals.sold.amount}>
          <Text className="muted">{r.kpi.sold}</Text>
          <Text className="console__kpi-value">{formatSignedPrice(d.totals.sold.amount)}</Text>
          <Text className="muted">{r.kpi.soldCount(d.totals.sold.count)}</Text>
          {d.totals.refunded.count > 0 && (
            <Text className="muted" data-testid="console-refunded">
              {r.kpi.refunded(d.totals.refunded.count, formatPrice(d.totals.refunded.amount))}
            </Text>
          )}
        </View>
        <View className="console__kpi" data-testid="console-kpi-redeemed" data-value={d.totals.redeemed}>
          <Text className="muted">{r.kpi.redeemed}</Text>
          <Text className="console__kpi-value">{formatSignedPrice(d.totals.redeemed)}</Text>
        </View>
        <View className="console__kpi" data-testid="console-kpi-rate" data-value={d.totals.redemptionRate}>
          <Text className="muted">{r.kpi.rate}</Text>
          <Text className="console__kpi-value">{percent(d.totals.redemptionRate)}</Text>
          <Text className="muted">{r.kpi.rateHint}</Text>
        </View>
        <View className="console__kpi" data-testid="console-kpi-float" data-value={d.totals.float}>
          <Text className="muted">{r.kpi.float}</Text>
          <Text className="console__kpi-value">{formatPrice(d.totals.float)}</Text>
          <Text className="muted">{r.kpi.floatHint}</Text>
        </View>
        <View className="console__kpi" data-testid="console-kpi-gifts" data-value={d.totals.unclaimedGifts.amount}>
          <Text className="muted">{r.kpi.unclaimed}</Text>
          <Text className="console__kpi-value">{formatPrice(d.totals.unclaimedGifts.amount)}</Text>
          <Text className="muted">{r.kpi.unclaimedCount(d.totals.unclaimedGifts.count)}</Text>
        </View>
        <View className="console__kpi" data-testid="console-kpi-expiring" data-value={d.totals.expiringSoon.balance}>
          <Text className="muted">{r.kpi.expiring}</Text>
          <Text className="console__kpi-value">{formatPrice(d.totals.expiringSoon.balance)}</Text>
          <Text className="muted">{r.kpi.expiringCount(d.totals.expiringSoon.count)}</Text>
        </View>
      </View>

      <View className="panel">
        <Text className="panel__title">{r.chartTitle}</Text>
        <View className="console__legend">
          <Text className="console__dot console__dot--sold" />
          <Text className="muted">{r.legendSold}</Text>
          <Text className="console__dot console__dot--redeemed" />
          <Text className="muted">{r.legendRedeemed}</Text>
        </View>
        <Text className="console__picked muted" data-testid="chart-picked">
          {shown
            ? r.barValue(shown.day.slice(5), formatSignedPrice(shown.sold), formatSignedPrice(shown.redeemed))
            : ' '}
        </Text>
        <View className="console__chart">
          {/* The scale: the tallest bar's value on a line at the top, the base line at zero. */}
          {!reports.chartEmpty && (
            <View className="console__grid" data-testid="chart-scale">
              <Text className="console__grid-max">{formatSignedPrice(max)}</Text>
            </View>
          )}
          {reports.chartEmpty && (
            <Text className="console__chart-empty muted" data-testid="chart-empty">
              {r.chartEmpty}
            </Text>
          )}
          {d.byDay.map((row) => (
            <View
              key={row.day}
              className={`console__day${row.day === picked ? ' console__day--picked' : ''}`}
              onClick={() => setPicked(row.day)}
              data-testid="chart-day"
              data-day={row.day}
            >
              <View className="console__bars">
                <View
                  className="console__bar console__bar--sold"
                  style={{ height: height(row.sold, max) }}
                  data-testid="chart-bar-sold"
                  data-value={row.sold}
                />
                <View
                  className="console__bar console__bar--redeemed"
                  style={{ height: height(row.redeemed, max) }}
                  data-testid="chart-bar-redeemed"
                  data-value={row.redeemed}
                />
              </View>
              {(d.days === 7 || Number(row.day.slice(8)) % 5 === 0) && (
                <Text className="console__day-label">{row.day.slice(5)}</Text>
              )}
            </View>
          ))}
        </View>
      </View>

      <View className="panel">
        <Text className="panel__title">{r.storeTitle}</Text>
        {d.byStore.length === 0 ? (
          <Text className="muted">{r.noStores}</Text>
        ) : (
          d.byStore.map((s) => (
            <View key={s.storeId} className="console__store" data-testid="chart-store" data-value={s.redeemed}>
              <View className="console__store-head">
                <Text>{s.storeName}</Text>
                <Text className="muted">
                  {formatSignedPrice(s.redeemed)} · {r.storeCount(s.count)}
                </Text>
              </View>
              <View className="console__store-track">
                <View
                  className="console__store-fill"
                  style={{ width: `${Math.max(0, (s.redeemed / reports.storeMax) * 100)}%` }}
                />
              </View>
            </View>
          ))
        )}
      </View>
    </View>
  );
});

const Console = observer(function Console() {
  const { clerk, reports } = useStaffStores();
  const profile = clerk.profile.data?.profile;
  const brands = profile
    ? [...new Map(profile.stores.map((s) => [s.brandId, { id: s.brandId, name: s.brandName }])).values()]
    : [];
  const brandId =
    reports.brandId !== '' && brands.some((b) => b.id === reports.brandId) ? reports.brandId : brands[0]?.id;

  useEffect(() => {
    if (profile?.role !== 'operator' || !brandId) return;
    reports.selectBrand(brandId);
    void reports.loadDashboard();
  }, [profile?.role, brandId, reports]);

  if (profile?.role !== 'operator')
    return (
      <StateView
        status="empty"
        message={r.operatorsOnly}
        hint={r.operatorsOnlyHint}
        onRetry={() => navigate.merchantScan()}
        actionText={r.toScan}
      />
    );
  if (!brandId) return <StateView status="empty" message={r.operatorsOnly} hint={r.operatorsOnlyHint} />;
  return (
    <View className="page console">
      <View className="pills" data-testid="console-brands">
        {brands.map((b) => (
          <Text
            key={b.id}
            className={`pills__item${b.id === brandId ? ' pills__item--active' : ''}`}
            onClick={() => {
              reports.selectBrand(b.id);
              void reports.loadDashboard();
            }}
            data-testid={`console-brand-${b.id}`}
          >
            {b.name}
          </Text>
        ))}
      </View>
      <View className="console__range">
        {([7, 30] as const).map((days) => (
          <Chip
            key={days}
            active={reports.days === days}
            onPress={() => void reports.setDays(days)}
            testId={`console-range-${days}`}
          >
            {r.range[days]}
          </Chip>
        ))}
      </View>
      <Dashboard />
      <View className="panel">
        <Text className="panel__title">{r.menuTitle}</Text>
        <View className="console__menu">
          {menuFor(brandId).map((item) => (
            <Text key={item.testId} className="console__menu-item" onClick={item.go} data-testid={item.testId}>
              {item.label}
            </Text>
          ))}
        </View>
      </View>
    </View>
  );
});

function ConsolePage() {
  return (
    <StaffGate>
      <Console />
    </StaffGate>
  );
}

export default ConsolePage;
