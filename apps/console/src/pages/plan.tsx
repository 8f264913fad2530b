import { useEffect, useState } from 'preact/hooks';
import type { ApiError } from '../api.ts';
import { ColumnHeads, ScrollRegion } from '../components/data-table.tsx';
import { ProblemAlert } from '../components/problem-alert.tsx';
import { ReviewedViewer, UnresolvedLegend } from '../components/review-loop.tsx';
import { StageProgress, StatusBadge } from '../components/stage-progress.tsx';
import { formatNumber, withUnit } from '../format.ts';
import { toApiError, useDocumentTitle, useLoad } from '../hooks.ts';
import { labelOf, type Messages } from '../i18n/index.ts';
import { followPlan } from '../plan-stream.ts';
import { Link } from '../router.tsx';
import { useSession } from '../session.ts';
import type { Compliance, Lang, Plan, PlanAnalysis, Severity, TypeCounts } from '../types.ts';

const POLL_MS = 1500;

/**
 * Loads a plan and follows it until every stage is done (shared by the plan and BOM pages):
 * over its event stream, polling when the stream fails (plan-stream.ts).
 */
export function usePlan(planId: string): {
  plan: Plan | null;
  error: ApiError | null;
  /** Reads the plan again now (after a correction or a re-run put its stages back in the queue). */
  refresh: () => void;
} {
  const { api } = useSession();
  const [plan, setPlan] = useState<Plan | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [nonce, setNonce] = useState(0);
  useEffect(() => {
    const controller = new AbortController();
    followPlan(
      api,
      planId,
      {
        onPlan: (p) => {
          setPlan(p);
          setError(null);
        },
        onError: (err) => setError(toApiError(err)),
      },
      controller.signal,
      POLL_MS,
    ).catch((err: unknown) => {
      if (!controller.signal.aborted) setError(toApiError(err));
    });
    return () => controller.abort();
  }, [api, planId, nonce]);
  return { plan, error, refresh: () => setNonce((n) => n + 1) };
}

/** Types sorted by count (largest first), then by name: the order of every counts table. */
export function typeOrder(byType: TypeCounts): string[] {
  return Object.entries(byType)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([type]) => type);
}

export function PlanPage({ planId }: { planId: string }) {
  const { api, t, lang } = useSession();
  const { plan, error, refresh } = usePlan(planId);
  useDocumentTitle(plan?.name ?? t.loading);
  const analysisDone = plan?.stages.analysis.status === 'completed';
  const complianceDone = plan?.stages.compliance.status === 'completed';
  const analysis = useLoad<PlanAnalysis>(
    analysisDone ? (signal) => api.get<PlanAnalysis>(`/v1/plans/${planId}/analysis`, signal) : null,
    [planId, analysisDone, api],
  );
  const compliance = useLoad<Compliance>(
    complianceDone ? (signal) => api.get<Compliance>(`/v1/plans/${planId}/compliance`, signal) : null,
    [planId, complianceDone, api, lang],
  );
  // A correction or a re-run: the analysis changed, and the stages run again.
  const afterChange = () => {
    analysis.reload();
    refresh();
  };

  if (error && !plan) {
    return (
      <div class="page">
        <h1 id="page-title" tabIndex={-1}>
          {t.plan.back}
        </h1>
        <ProblemAlert error={error} />
        <Link href="/">{t.backToPlans}</Link>
      </div>
    );
  }
  if (!plan) return <p class="page">{t.loading}</p>;

  return (
    <div class="page">
      <p class="breadcrumb">
        <Link href="/">← {t.plan.back}</Link>
      </p>
      <header class="page-header">
        <div>
          <h1 id="page-title" tabIndex={-1}>
            {plan.name}
          </h1>
          <p class="muted">
            {plan.filename} · {t.plan.summary(plan.pages, plan.edition)}
          </p>
        </div>
        <div class="page-header-side">
          <span aria-live="polite" data-testid="plan-status">
            <StatusBadge status={plan.status} />
          </span>
          <Link class="button" href={`/plans/${plan.id}/bom`}>
            {t.plan.openBom}
          </Link>
        </div>
      </header>
      <StageProgress plan={plan} />

      <nav class="section-nav" aria-label={t.plan.sections}>
        <a href="#preview">{t.plan.previewTitle}</a>
        <a href="#counts">{t.plan.countsTitle}</a>
        <a href="#panels">{t.plan.panelsTitle}</a>
        <a href="#compliance">{t.plan.complianceTitle}</a>
        <a href="#warnings">{t.plan.warningsTitle}</a>
      </nav>

      {plan.stages.analysis.status === 'failed' ? (
        <div class="alert alert-error" role="alert">
          <p class="alert-title">{t.plan.analysisFailed}</p>
          {plan.stages.analysis.error ? <p>{plan.stages.analysis.error.message}</p> : null}
        </div>
      ) : null}
      {!analysisDone && plan.stages.analysis.status !== 'failed' ? (
        <p class="alert alert-info" role="status">
          {t.plan.waitingAnalysis}
        </p>
      ) : null}
      {analysis.error ? <ProblemAlert error={analysis.error} onRetry={analysis.reload} /> : null}

      {analysis.data ? (
        <AnalysisSections planId={plan.id} analysis={analysis.data} onChange={afterChange} />
      ) : null}

      <section id="compliance" class="card" aria-labelledby="compliance-title">
        <h2 id="compliance-title">{t.plan.complianceTitle}</h2>
        {plan.stages.compliance.status === 'failed' ? (
          <p class="alert alert-error">
            {t.compliance.failed} {plan.stages.compliance.error?.message ?? ''}
          </p>
        ) : null}
        {!complianceDone && plan.stages.compliance.status !== 'failed' ? <p>{t.compliance.waiting}</p> : null}
        {compliance.error ? <ProblemAlert error={compliance.error} onRetry={compliance.reload} /> : null}
        {compliance.data ? <ComplianceFindings compliance={compliance.data} /> : null}
      </section>

      {analysis.data ? <Warnings analysis={analysis.data} /> : null}
    </div>
  );
}

function AnalysisSections({
  planId,
  analysis,
  onChange,
}: {
  planId: string;
  analysis: PlanAnalysis;
  onChange: () => void;
}) {
  const { t, lang } = useSession();
  const order = typeOrder(analysis.counts.byType);
  const total = Object.values(analysis.counts.byType).reduce((a, b) => a + b, 0);
  const panels = analysis.pages.flatMap((p) => p.panels.map((panel) => ({ page: p.number, panel })));
  const legend = analysis.pages.flatMap((p) => p.legend.map((l) => ({ page: p.number, ...l })));

  return (
    <>
      <section id="preview" class="card" aria-labelledby="preview-title">
        <h2 id="preview-title">{t.plan.previewTitle}</h2>
        {analysis.pages.length > 0 ? (
          <ReviewedViewer planId={planId} analysis={analysis} onRevised={onChange} />
        ) : null}
      </section>

      <section id="counts" class="card" aria-labelledby="counts-title">
        <h2 id="counts-title">{t.plan.countsTitle}</h2>
        {order.length === 0 ? (
          <p data-testid="no-counts">{t.plan.noCounts}</p>
        ) : (
          <div class="two-columns">
            <table class="table counts-table" data-testid="counts-by-type">
              <caption>{t.plan.byType}</caption>
              <thead>
                <tr>
                  <th scope="col">{t.plan.type}</th>
                  <th scope="col" class="num">
                    {t.plan.count}
                  </th>
                </tr>
              </thead>
              <tbody>
                {order.map((type) => (
                  <tr key={type} data-type={type}>
                    <th scope="row">{labelOf(t.devices, type)}</th>
                    <td class="num" data-count={analysis.counts.byType[type]}>
                      {formatNumber(analysis.counts.byType[type] ?? 0, lang)}
                    </td>
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr>
                  <th scope="row">{t.plan.total}</th>
                  <td class="num">{formatNumber(total, lang)}</td>
                </tr>
              </tfoot>
            </table>
            <RoomCounts analysis={analysis} order={order} t={t} lang={lang} />
          </div>
        )}
      </section>

      <section id="panels" class="card" aria-labelledby="panels-title">
        <h2 id="panels-title">{t.plan.panelsTitle}</h2>
        {panels.length === 0 ? <p>{t.plan.noPanels}</p> : null}
        {panels.map(({ page, panel }) => (
          <div class="table-scroll" key={`${page}-${panel.name}`}>
            <table class="table" data-testid="panel-schedule">
              <caption>
                {t.plan.panelCaption(panel.name)} — {t.plan.warningPage(page)}
                <div class="muted small">
                  {t.plan.panelMeta(
                    panel.voltage ?? '—',
                    panel.phases === null ? '—' : String(panel.phases),
                    panel.mainA === null ? '—' : withUnit(panel.mainA, 'A', lang),
                  )}
                </div>
              </caption>
              <thead>
                <tr>
                  <th scope="col" class="num">
                    {t.plan.circuit}
                  </th>
                  <th scope="col">{t.plan.description}</th>
                  <th scope="col" class="num">
                    {t.plan.amps}
                  </th>
                  <th scope="col" class="num">
                    {t.plan.poles}
                  </th>
                  <th scope="col">{t.plan.conductor}</th>
                </tr>
              </thead>
              <tbody>
                {panel.circuits.map((c) => (
                  <tr key={c.number}>
                    <th scope="row" class="num">
                      {c.number}
                    </th>
                    <td>{c.description}</td>
                    <td class="num">{c.amps ?? '—'}</td>
                    <td class="num">{c.poles ?? '—'}</td>
                    <td>{c.conductor ?? '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ))}
        <UnresolvedLegend planId={planId} analysis={analysis} onRerun={onChange} />
        <h3>{t.plan.legendTitle}</h3>
        {legend.length === 0 ? (
          <p>{t.plan.noLegend}</p>
        ) : (
          <div class="table-scroll">
            <table class="table">
              <thead>
                <tr>
                  <th scope="col">{t.plan.legendSymbol}</th>
                  <th scope="col">{t.plan.legendLabel}</th>
                  <th scope="col">{t.plan.type}</th>
                </tr>
              </thead>
              <tbody>
                {legend.map((l) => (
                  <tr key={`${l.page}-${l.symbolId}`}>
                    <td>{l.symbolId}</td>
                    <td>{l.label}</td>
                    <td>{labelOf(t.devices, l.type)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}

function RoomCounts({
  analysis,
  order,
  t,
  lang,
}: {
  analysis: PlanAnalysis;
  order: string[];
  t: Messages;
  lang: Lang;
}) {
  const rooms = Object.keys(analysis.counts.byRoom).sort((a, b) => a.localeCompare(b, lang));
  if (rooms.length === 0) return <p>{t.plan.noRooms}</p>;
  const areas = new Map<string, number | null>();
  for (const p of analysis.pages) for (const r of p.rooms) areas.set(r.name, r.areaM2);
  const columns = order.filter((type) => rooms.some((r) => (analysis.counts.byRoom[r]?.[type] ?? 0) > 0));
  return (
    <ScrollRegion label={t.plan.scrollTable(t.plan.byRoom)}>
      <table class="table counts-table" data-testid="counts-by-room">
        <caption>{t.plan.byRoom}</caption>
        <ColumnHeads
          columns={[
            { label: t.plan.room },
            { label: t.plan.area, numeric: true },
            ...columns.map((type) => ({ label: labelOf(t.devices, type), numeric: true })),
          ]}
        />
        <tbody>
          {rooms.map((room) => {
            const area = areas.get(room);
            return (
              <tr key={room} data-room={room}>
                <th scope="row">{room}</th>
                <td class="num">{area == null ? '—' : withUnit(area, 'm²', lang, 1)}</td>
                {columns.map((type) => (
                  <td class="num" key={type}>
                    {analysis.counts.byRoom[room]?.[type] ?? ''}
                  </td>
                ))}
              </tr>
            );
          })}
        </tbody>
      </table>
    </ScrollRegion>
  );
}

const SEVERITY_ORDER: Severity[] = ['error', 'warning', 'info'];

function ComplianceFindings({ compliance }: { compliance: Compliance }) {
  const { t } = useSession();
  const [filter, setFilter] = useState<'all' | Severity>('all');
  const count = (s: Severity) => compliance.findings.filter((f) => f.severity === s).length;
  const findings = compliance.findings
    .filter((f) => filter === 'all' || f.severity === filter)
    .sort((a, b) => SEVERITY_ORDER.indexOf(a.severity) - SEVERITY_ORDER.indexOf(b.severity));
  return (
    <div data-testid="compliance">
      <p>{t.compliance.edition(compliance.edition)}</p>
      <p class="summary-line">{t.compliance.summary(count('error'), count('warning'), count('info'))}</p>
      <label class="inline-field">
        <span>{t.compliance.filter}</span>
        <select value={filter} onChange={(e) => setFilter(e.currentTarget.value as 'all' | Severity)}>
          <option value="all">{t.compliance.all}</option>
          {SEVERITY_ORDER.map((s) => (
            <option key={s} value={s}>
              {labelOf(t.severity, s)} ({count(s)})
            </option>
          ))}
        </select>
      </label>
      {findings.length === 0 ? (
        <p>{t.compliance.none}</p>
      ) : (
        <div class="table-scroll">
          <table class="table">
            <thead>
              <tr>
                <th scope="col">{t.compliance.severity}</th>
                <th scope="col">{t.compliance.rule}</th>
                <th scope="col">{t.compliance.message}</th>
                <th scope="col" class="num">
                  {t.compliance.page}
                </th>
              </tr>
            </thead>
            <tbody>
              {findings.map((f, i) => (
                <tr key={`${f.ruleId ?? f.ruleRef}-${i}`} data-severity={f.severity}>
                  <td>
                    <SeverityBadge severity={f.severity} />
                  </td>
                  <td>
                    <code>{f.ruleRef}</code>
                  </td>
                  <td>{f.message}</td>
                  <td class="num">{f.page ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

export function SeverityBadge({ severity }: { severity: Severity }) {
  const { t } = useSession();
  const icon = { error: '✕', warning: '!', info: 'i' }[severity];
  return (
    <span class={`badge badge-${severity}`}>
      <span aria-hidden="true">{icon} </span>
      {labelOf(t.severity, severity)}
    </span>
  );
}

function Warnings({ analysis }: { analysis: PlanAnalysis }) {
  const { t } = useSession();
  return (
    <section id="warnings" class="card" aria-labelledby="warnings-title">
      <h2 id="warnings-title">{t.plan.warningsTitle}</h2>
      {analysis.warnings.length === 0 ? (
        <p>{t.plan.noWarnings}</p>
      ) : (
        <ul class="warnings" data-testid="warnings">
          {analysis.warnings.map((w, i) => (
            <li key={`${w.code}-${i}`} data-code={w.code}>
              <SeverityBadge severity="warning" /> {w.message}
              {w.page ? <span class="muted"> ({t.plan.warningPage(w.page)})</span> : null}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
