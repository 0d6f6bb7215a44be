/**
 * 对账与报表 for one brand (?brandId=): reconciliation (run now, the latest reports, mismatches),
 * CSV export (kind and China days, saved through the platform's file saver), the audit log a page
 * at a time, and compliance reviews to clear or report. Operators of the brand only.
 */
import { View, Text } from '@tarojs/components';
import { Input } from '../../../components/input';
import { useRouter } from '@tarojs/taro';
import { observer } from 'mobx-react-lite';
import { useEffect } from 'react';
import { ActionButton } from '../../../components/action-button';
import { chinaTime } from '../../../components/china-time';
import { StateView } from '../../../components/state-view';
import type { ExportKind, ReviewDecision, ReviewStatus } from '../../../contracts/reports';
import { formatPrice, formatSignedPrice } from '../../../domain/money';
import { PrivacyGate } from '../../../pages/privacy-gate';
import { navigate } from '../../../pages/routes';
import { useStaffStores } from '../../stores';
import type { ReportsTab } from '../../../stores/reports-store';
import { errorMessage, strings } from '../../../strings/zh-CN';
import { merchantStrings } from '../../../strings/zh-CN.merchant';
import { StaffGate } from '../../staff-gate';
import { Chip } from '../../../components/chip';
import './index.scss';

const r = merchantStrings.reports;
const TABS: ReportsTab[] = ['reconcile', 'export', 'audit', 'reviews'];

const Reconcile = observer(function Reconcile() {
  const { reports } = useStaffStores();
  const view = reports.reconciliations;
  const busy = reports.reconciling.busy;
  return (
    <View>
      <ActionButton onPress={() => void reports.reconcile()} disabled={busy} testId="reports-reconcile">
        {busy ? r.reconcile.running : r.reconcile.run}
      </ActionButton>
      {reports.reconciling.errorCode && (
        <Text className="error-text">{errorMessage(reports.reconciling.errorCode)}</Text>
      )}
      <Text className="panel__title reports__heading">{r.reconcile.latest}</Text>
      {view.status === 'error' ? (
        <StateView
          status="error"
          message={errorMessage(view.errorCode)}
          onRetry={() => void reports.loadReconciliations()}
        />
      ) : view.status === 'empty' ? (
        <StateView status="empty" message={r.reconcile.empty} hint={r.reconcile.emptyHint} />
      ) : !view.data ? (
        <StateView status="loading" />
      ) : (
        view.data.map((rep) => (
          <View key={rep.id} className="panel" data-testid="reconciliation" data-ok={String(rep.ok)}>
            <View className="reports__row">
              <Text>{chinaTime(rep.at, 'YYYY-MM-DD HH:mm')}</Text>
              <Text
                className={`reports__badge reports__badge--${rep.status === 'running' ? 'wait' : rep.ok ? 'ok' : 'bad'}`}
              >
                {rep.status === 'running' ? r.reconcile.inProgress : rep.ok ? r.reconcile.ok : r.reconcile.failed}
              </Text>
            </View>
            <Text className="muted">
              {r.reconcile.by[rep.by]} · {r.reconcile.cardsChecked(rep.cardsChecked)}
            </Text>
            {rep.totals && (
              <View className="reports__totals">
                {(['issued', 'balances', 'redeemed', 'voided', 'expired'] as const).map((k) => (
                  <View key={k} className="kv">
                    <Text className="kv__label">{r.reconcile.totals[k]}</Text>
                    <Text>{formatSignedPrice(rep.totals![k])}</Text>
                  </View>
                ))}
                {rep.difference !== null && rep.difference !== 0 && (
                  <View className="kv">
                    <Text className="kv__label">{r.reconcile.totals.difference}</Text>
                    <Text className="reports__bad">{formatSignedPrice(rep.difference)}</Text>
                  </View>
                )}
              </View>
            )}
            {rep.mismatchCount > 0 && (
              <View className="reports__mismatches">
                <Text className="reports__bad">{r.reconcile.mismatchCount(rep.mismatchCount)}</Text>
                {rep.mismatches.map((mm) => (
                  <View key={mm.cardId} className="reports__mismatch" data-testid="mismatch">
                    <Text>{mm.cardId}</Text>
                    <Text className="muted">
                      {r.reconcile.mismatchLine(formatSignedPrice(mm.balance), formatSignedPrice(mm.replay))}
                    </Text>
                  </View>
                ))}
              </View>
            )}
          </View>
        ))
      )}
    </View>
  );
});

const Export = observer(function Export() {
  const { reports } = useStaffStores();
  const busy = reports.exporting.busy;
  return (
    <View className="panel">
      <Text className="panel__title">{r.export.kind}</Text>
      <View>
        {(['ledger', 'orders'] as ExportKind[]).map((k) => (
          <Chip
            key={k}
            active={reports.exportKind === k}
            onPress={() => reports.setExportKind(k)}
            testId={`export-kind-${k}`}
          >
            {r.export.kinds[k]}
          </Chip>
        ))}
      </View>
      <Text className="muted">{r.export.from}</Text>
      <Input
        className="field"
        value={reports.exportFrom}
        placeholder="2025-01-01"
        maxlength={10}
        onInput={(e) => reports.setExportFrom(e.detail.value)}
        data-testid="export-from"
      />
      <Text className="muted">{r.export.to}</Text>
      <Input
        className="field"
        value={reports.exportTo}
        placeholder="2025-01-31"
        maxlength={10}
        onInput={(e) => reports.setExportTo(e.detail.value)}
        data-testid="export-to"
      />
      <Text className="muted reports__hint">{r.export.hint}</Text>
      {reports.exportDateProblem && <Text className="error-text">{r.export.badDate}</Text>}
      {reports.exporting.errorCode && <Text className="error-text">{errorMessage(reports.exporting.errorCode)}</Text>}
      {reports.lastExport && (
        <Text className="reports__done" data-testid="export-done">
          {r.export.done(reports.lastExport.filename, reports.lastExport.rows)}
        </Text>
      )}
      <ActionButton onPress={() => void reports.exportCsv()} disabled={busy} testId="export-submit">
        {busy ? r.export.exporting : r.export.submit}
      </ActionButton>
    </View>
  );
});

const Audit = observer(function Audit() {
  const { reports } = useStaffStores();
  const view = reports.audit;
  if (view.status === 'error')
    return <StateView status="error" message={errorMessage(view.errorCode)} onRetry={() => void reports.loadAudit()} />;
  if (view.status === 'empty') return <StateView status="empty" message={r.audit.empty} />;
  if (!view.data) return <StateView status="loading" />;
  return (
    <View>
      <View className="panel">
        {view.data.entries.map((e) => (
          <View key={e.id} className="reports__audit" data-testid="audit-entry" data-action={e.action}>
            <View className="reports__row">
              <Text>{r.audit.actions[e.action] ?? e.action}</Text>
              <Text className="muted">{chinaTime(e.at, 'MM-DD HH:mm:ss')}</Text>
            </View>
            <Text className="muted">
              {r.audit.roles[e.role] ?? e.role}
              {e.actor ? ` ${e.actor}` : ''} · {e.target.id}
            </Text>
            <Text className="muted" data-testid="audit-from">
              {r.audit.sources[e.source] ?? e.source}
              {e.ip ? ` · ${e.ip}` : ''}
            </Text>
          </View>
        ))}
      </View>
      {reports.auditMore.errorCode && <Text className="error-text">{errorMessage(reports.auditMore.errorCode)}</Text>}
      {reports.auditHasMore ? (
        <ActionButton
          ghost
          onPress={() => void reports.loadMoreAudit()}
          disabled={reports.auditMore.busy}
          testId="audit-more"
        >
          {reports.auditMore.busy ? r.audit.loadingMore : r.audit.more}
        </ActionButton>
      ) : (
        <Text className="muted reports__end">{r.audit.end}</Text>
      )}
    </View>
  );
});

const Reviews = observer(function Reviews() {
  const { reports } = useStaffStores();
  const view = reports.reviews;
  const decide = (id: string, d: ReviewDecision) => void reports.decide(id, d);
  return (
    <View>
      <View className="pills">
        {(['open', 'decided'] as ReviewStatus[]).map((s) => (
          <Text
            key={s}
            className={`pills__item${reports.reviewStatus === s ? ' pills__item--active' : ''}`}
            onClick={() => void reports.setReviewStatus(s)}
            data-testid={`reviews-${s}`}
          >
            {r.reviews.filter[s]}
          </Text>
        ))}
      </View>
      {reports.deciding.errorCode && <Text className="error-text">{errorMessage(reports.deciding.errorCode)}</Text>}
      {view.status === 'error' ? (
        <StateView status="error" message={errorMessage(view.errorCode)} onRetry={() => void reports.loadReviews()} />
      ) : view.status === 'empty' ? (
        <StateView status="empty" message={r.reviews.empty} hint={r.reviews.emptyHint} />
      ) : !view.data ? (
        <StateView status="loading" />
      ) : (
        view.data.map((rv) => (
          <View key={rv.id} className="panel" data-testid="review" data-kind={rv.kind}>
            <View className="reports__row">
              <Text className="reports__badge reports__badge--wait">{r.reviews.kinds[rv.kind]}</Text>
              <Text className="muted">{chinaTime(rv.at, 'YYYY-MM-DD HH:mm')}</Text>
            </View>
            <Text className="reports__line">{r.reviews.holder(rv.holder)}</Text>
            <Text className="muted">
              {r.reviews.orderTotal(formatPrice(rv.total))} · {r.reviews.dayTotal(formatPrice(rv.dayTotal))}
            </Text>
            {rv.realName && (
              <Text className="muted reports__line">
                {r.reviews.realName(rv.realName.name, rv.realName.idNumberMasked)}
              </Text>
            )}
            {rv.status === 'decided' ? (
              <Text className="reports__line" data-testid="review-decision">
                {r.reviews.decisions[rv.decision ?? 'cleared']}
                {rv.note ? ` · ${rv.note}` : ''}
              </Text>
            ) : (
              <View>
                <Input
                  className="field reports__note"
                  value={reports.notes[rv.id] ?? ''}
                  placeholder={r.reviews.notePlaceholder}
                  maxlength={200}
                  onInput={(e) => reports.setNote(rv.id, e.detail.value)}
                />
                <View className="reports__actions">
                  <ActionButton
                    ghost
                    onPress={() => decide(rv.id, 'cleared')}
                    disabled={reports.deciding.busy}
                    testId="review-clear"
                  >
                    {r.reviews.clear}
                  </ActionButton>
                  <ActionButton
                    onPress={() => decide(rv.id, 'reported')}
                    disabled={reports.deciding.busy}
                    testId="review-report"
                  >
                    {r.reviews.report}
                  </ActionButton>
                </View>
              </View>
            )}
          </View>
        ))
      )}
    </View>
  );
});

const Reports = observer(function Reports({ brandId }: { brandId: string }) {
  const { clerk, reports } = useStaffStores();
  const profile = clerk.profile.data?.profile;
  const allowed = profile?.role === 'operator' && profile.stores.some((s) => s.brandId === brandId);

  useEffect(() => {
    if (!allowed) return;
    reports.selectBrand(brandId);
    void reports.loadReconciliations();
  }, [allowed, brandId, reports]);

  useEffect(() => {
    if (!allowed || reports.brandId !== brandId) return;
    if (reports.tab === 'audit' && reports.audit.status === 'idle') void reports.loadAudit();
    if (reports.tab === 'reviews' && reports.reviews.status === 'idle') void reports.loadReviews();
  }, [allowed, brandId, reports, reports.tab]);

  if (!allowed)
    return (
      <StateView
        status="empty"
        message={r.console.operatorsOnly}
        hint={r.console.operatorsOnlyHint}
        onRetry={() => navigate.back()}
        actionText={strings.merchant.back}
      />
    );
  return (
    <View className="page reports">
      <View className="pills">
        {TABS.map((t) => (
          <Text
            key={t}
            className={`pills__item${reports.tab === t ? ' pills__item--active' : ''}`}
            onClick={() => reports.setTab(t)}
            data-testid={`reports-tab-${t}`}
          >
            {r.tabs[t]}
          </Text>
        ))}
      </View>
      {reports.tab === 'reconcile' && <Reconcile />}
      {reports.tab === 'export' && <Export />}
      {reports.tab === 'audit' && <Audit />}
      {reports.tab === 'reviews' && <Reviews />}
    </View>
  );
});

function ReportsPage() {
  const brandId = useRouter().params.brandId ?? '';
  return (
    <StaffGate>
      <Reports brandId={brandId} />
      {/* Where a file can't be shared, an export goes to the clipboard: a privacy API. */}
      <PrivacyGate />
    </StaffGate>
  );
}

export default ReportsPage;
