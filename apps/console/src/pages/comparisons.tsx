import { useEffect, useRef, useState } from 'preact/hooks';
import { type ApiError, saveBlob } from '../api.ts';
import { CHANGE_KINDS, CHANGE_STYLES, tallyRows } from '../comparison-overlay.ts';
import { ChangeSwatch, ComparisonViewer } from '../components/comparison-viewer.tsx';
import { ColumnHeads, ScrollRegion } from '../components/data-table.tsx';
import { PlanSelect } from '../components/plan-select.tsx';
import { ProblemAlert } from '../components/problem-alert.tsx';
import { StatusBadge } from '../components/stage-progress.tsx';
import { formatCents, formatNumber, formatSignedCents, formatSignedNumber } from '../format.ts';
import { toApiError, useDocumentTitle, useLoad, usePolling } from '../hooks.ts';
import { labelOf } from '../i18n/index.ts';
import { Link, navigate } from '../router.tsx';
import { useSession } from '../session.ts';
import type {
  Accepted,
  BomDelta,
  BomLineDelta,
  CircuitChange,
  ComparedCircuit,
  Comparison,
  Plan,
  PlanAnalysis,
  PlanPage,
  RoomChange,
  SymbolChange,
} from '../types.ts';

/**
 * Revision compare (issue 21): choose the base and the revised issue of a drawing, then follow
 * `GET /v1/comparisons/{id}` until it settles and show what changed — both previews overlaid with
 * the changes drawn, the delta tables (devices by type and room, circuits, rooms), the priced BOM
 * delta and the change order downloads (`?format=xlsx|pdf`).
 */
export function ComparisonsPage({ comparisonId }: { comparisonId: string | null }) {
  const { t } = useSession();
  useDocumentTitle(t.comparisons.title);
  return (
    <div class="page">
      <h1 id="page-title" tabIndex={-1}>
        {t.comparisons.title}
      </h1>
      <p>{t.comparisons.intro}</p>
      {comparisonId ? (
        <>
          <p>
            <Link href="/comparisons">{t.comparisons.newOne}</Link>
          </p>
          <ComparisonView id={comparisonId} />
        </>
      ) : (
        <ComparisonForm />
      )}
    </div>
  );
}

function ComparisonForm() {
  const { api, t } = useSession();
  const plans = useLoad<PlanPage>((signal) => api.get<PlanPage>('/v1/plans?limit=50', signal), [api]);
  const [basePlanId, setBase] = useState('');
  const [revisedPlanId, setRevised] = useState('');
  const [missing, setMissing] = useState<{ base: boolean; revised: boolean }>({
    base: false,
    revised: false,
  });
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  // Plans still being analysed are accepted (the comparison waits for them); failed ones too,
  // so that the server's 409 says which analysis failed.
  const describe = (p: Plan) => {
    const status = p.stages.analysis.status;
    if (status === 'failed') return t.comparisons.planFailed(p.name);
    if (status !== 'completed') return t.comparisons.planRunning(p.name);
    return p.name;
  };

  const submit = async (e: Event) => {
    e.preventDefault();
    const next = { base: !basePlanId, revised: !revisedPlanId };
    setMissing(next);
    if (next.base || next.revised) return;
    setError(null);
    setBusy(true);
    try {
      const accepted = await api.post<Accepted>('/v1/comparisons', { basePlanId, revisedPlanId });
      navigate(`/comparisons/${accepted.id}`);
    } catch (err) {
      setError(toApiError(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="card form" onSubmit={submit} noValidate data-testid="comparison-form">
      {plans.error ? <ProblemAlert error={plans.error} onRetry={plans.reload} /> : null}
      {plans.data ? null : <p>{t.loading}</p>}
      {(
        [
          ['base', 'compare-base', t.comparisons.basePlan, basePlanId, setBase],
          ['revised', 'compare-revised', t.comparisons.revisedPlan, revisedPlanId, setRevised],
        ] as const
      ).map(([side, id, label, value, onChange]) => (
        <div key={side}>
          <PlanSelect
            id={id}
            plans={plans.data}
            value={value}
            onChange={onChange}
            label={label}
            emptyLabel={t.comparisons.choosePlan}
            include={() => true}
            describe={describe}
            invalid={missing[side]}
            describedBy={missing[side] ? `${id}-error` : undefined}
          />
          {missing[side] ? (
            <p id={`${id}-error`} class="field-error">
              {t.comparisons.required}
            </p>
          ) : null}
        </div>
      ))}
      {error ? <ProblemAlert error={error} /> : null}
      <div class="button-row">
        <button type="submit" class="button" disabled={busy || !plans.data}>
          {busy ? t.comparisons.comparing : t.comparisons.compare}
        </button>
      </div>
    </form>
  );
}

function ComparisonView({ id }: { id: string }) {
  const { api, t, lang, announce } = useSession();
  const [data, setData] = useState<Comparison | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const settled = data?.status === 'completed' || data?.status === 'failed';
  usePolling(
    async () => {
      try {
        const next = await api.get<Comparison>(`/v1/comparisons/${id}`);
        setData(next);
        setError(null);
        if (next.status === 'completed') announce(t.comparisons.done);
        if (next.status === 'failed') announce(t.comparisons.failed);
      } catch (err) {
        setError(toApiError(err));
      }
    },
    1500,
    !settled && !(error && error.status === 404),
  );
  // The JSON follows the console's language (BOM descriptions): read it again when that changes.
  const shownLang = useRef(lang);
  useEffect(() => {
    if (lang === shownLang.current) return;
    shownLang.current = lang;
    setData(null);
  }, [lang]);
  const basePlan = useLoad<Plan>(
    data ? (signal) => api.get<Plan>(`/v1/plans/${data.basePlanId}`, signal) : null,
    [api, data?.basePlanId],
  );
  const revisedPlan = useLoad<Plan>(
    data ? (signal) => api.get<Plan>(`/v1/plans/${data.revisedPlanId}`, signal) : null,
    [api, data?.revisedPlanId],
  );

  if (error && !data) return <ProblemAlert error={error} />;
  if (!data) return <p>{t.loading}</p>;
  const nameOf = (planId: string) =>
    planId === basePlan.data?.id
      ? basePlan.data.name
      : planId === revisedPlan.data?.id
        ? revisedPlan.data.name
        : planId.slice(0, 8);

  return (
    <div data-testid="comparison" data-status={data.status}>
      <section class="card">
        <p>
          <strong>{t.comparisons.of(nameOf(data.basePlanId), nameOf(data.revisedPlanId))}</strong>{' '}
          <StatusBadge status={data.status} />
        </p>
        {data.status === 'queued' || data.status === 'processing' ? (
          <p class="muted">{t.comparisons.waiting}</p>
        ) : null}
        {data.status === 'failed' ? (
          <p class="alert alert-error" data-testid="comparison-error">
            {data.error?.planId
              ? t.comparisons.analysisFailed(nameOf(data.error.planId))
              : `${t.comparisons.failed} ${data.error?.message ?? ''}`}
          </p>
        ) : null}
        {error ? <ProblemAlert error={error} /> : null}
      </section>
      {data.status === 'completed' ? <ComparisonResult comparison={data} /> : null}
    </div>
  );
}

function ComparisonResult({ comparison }: { comparison: Comparison }) {
  const { api, t, announce } = useSession();
  const [downloadError, setDownloadError] = useState<ApiError | null>(null);
  const [downloading, setDownloading] = useState<string | null>(null);
  const baseAnalysis = useLoad<PlanAnalysis>(
    (signal) => api.get<PlanAnalysis>(`/v1/plans/${comparison.basePlanId}/analysis`, signal),
    [api, comparison.basePlanId],
  );
  const revisedAnalysis = useLoad<PlanAnalysis>(
    (signal) => api.get<PlanAnalysis>(`/v1/plans/${comparison.revisedPlanId}/analysis`, signal),
    [api, comparison.revisedPlanId],
  );

  const download = async (format: 'xlsx' | 'pdf') => {
    setDownloadError(null);
    setDownloading(format);
    try {
      const { blob, filename } = await api.blob(`/v1/comparisons/${comparison.id}?format=${format}`);
      const name = filename ?? `change-order-${comparison.id.slice(0, 8)}.${format}`;
      saveBlob(blob, name);
      announce(t.bom.downloaded(name));
    } catch (err) {
      setDownloadError(toApiError(err));
    } finally {
      setDownloading(null);
    }
  };

  const symbols = comparison.symbols ?? [];
  const analysisError = baseAnalysis.error ?? revisedAnalysis.error;
  return (
    <>
      <section class="card">
        <fieldset class="field plain-fieldset">
          <legend class="field-label">{t.comparisons.downloads}</legend>
          <div class="button-row">
            <button
              type="button"
              class="button"
              disabled={downloading !== null}
              aria-label={t.comparisons.downloadXlsxLabel}
              onClick={() => void download('xlsx')}
              data-testid="download-change-order-xlsx"
            >
              {t.comparisons.downloadXlsx}
            </button>
            <button
              type="button"
              class="button button-secondary"
              disabled={downloading !== null}
              aria-label={t.comparisons.downloadPdfLabel}
              onClick={() => void download('pdf')}
              data-testid="download-change-order-pdf"
            >
              {t.comparisons.downloadPdf}
            </button>
          </div>
        </fieldset>
        {downloadError ? <ProblemAlert error={downloadError} /> : null}
      </section>

      <section id="comparison-overlay" class="card" aria-labelledby="overlay-title">
        <h2 id="overlay-title">{t.comparisons.overlayTitle}</h2>
        {analysisError ? <ProblemAlert error={analysisError} /> : null}
        {baseAnalysis.data && revisedAnalysis.data ? (
          <ComparisonViewer
            basePlanId={comparison.basePlanId}
            revisedPlanId={comparison.revisedPlanId}
            pairs={comparison.pages ?? []}
            symbols={symbols}
            basePages={baseAnalysis.data.pages}
            revisedPages={revisedAnalysis.data.pages}
          />
        ) : analysisError ? null : (
          <p>{t.loading}</p>
        )}
      </section>

      <SheetsTable comparison={comparison} />
      <DevicesSection comparison={comparison} />
      <CircuitsTable circuits={comparison.circuits ?? []} />
      <RoomsTable rooms={comparison.rooms ?? []} />
      {comparison.bom ? <BomDeltaSection bom={comparison.bom} /> : null}
    </>
  );
}

function SheetsTable({ comparison }: { comparison: Comparison }) {
  const { t } = useSession();
  const pages = comparison.pages ?? [];
  return (
    <section class="card" aria-labelledby="sheets-title">
      <h2 id="sheets-title">{t.comparisons.sheetsTitle}</h2>
      <div class="table-scroll">
        <table class="table" data-testid="comparison-sheets">
          <thead>
            <tr>
              <th scope="col">{t.comparisons.sheet}</th>
              <th scope="col" class="num">
                {t.comparisons.basePage}
              </th>
              <th scope="col" class="num">
                {t.comparisons.revisedPage}
              </th>
              <th scope="col">{t.comparisons.pairing}</th>
              <th scope="col">{t.comparisons.changeColumn}</th>
            </tr>
          </thead>
          <tbody>
            {pages.map((p) => (
              <tr key={`${p.basePage}-${p.revisedPage}`} data-change={p.change}>
                <th scope="row">{p.sheet ?? '—'}</th>
                <td class="num">{p.basePage ?? '—'}</td>
                <td class="num">{p.revisedPage ?? '—'}</td>
                <td>{labelOf(t.comparisons.pairedBy, p.pairedBy)}</td>
                <td>{labelOf(t.comparisons.sheetChange, p.change)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

/** Column headers of a tally: each kind's sign and name (the same sign as on the overlay). */
function TallyHeaders() {
  const { t } = useSession();
  return (
    <>
      {CHANGE_KINDS.map((kind) => (
        <th key={kind} scope="col" class="num">
          <span class="change-heading">
            <ChangeSwatch kind={kind} /> {CHANGE_STYLES[kind].sign} {t.comparisons.kinds[kind]}
          </span>
        </th>
      ))}
    </>
  );
}

function DevicesSection({ comparison }: { comparison: Comparison }) {
  const { t, lang } = useSession();
  const byType = tallyRows(comparison.delta?.byType ?? {});
  const rooms = Object.entries(comparison.delta?.byRoom ?? {}).sort(([a], [b]) =>
    a === '' ? 1 : b === '' ? -1 : a.localeCompare(b),
  );
  const symbols = comparison.symbols ?? [];
  const n = (v: number) => formatNumber(v, lang);
  return (
    <section class="card" aria-labelledby="devices-title">
      <h2 id="devices-title">{t.comparisons.devicesTitle}</h2>
      {byType.length === 0 ? <p data-testid="no-device-change">{t.comparisons.noDeviceChange}</p> : null}
      {byType.length > 0 ? (
        <div class="stacked-tables">
          <div class="table-scroll">
            <table class="table" data-testid="delta-by-type">
              <caption>{t.comparisons.byType}</caption>
              <thead>
                <tr>
                  <th scope="col">{t.comparisons.type}</th>
                  <TallyHeaders />
                  <th scope="col" class="num">
                    {t.comparisons.net}
                  </th>
                </tr>
              </thead>
              <tbody>
                {byType.map((row) => (
                  <tr
                    key={row.key}
                    data-type={row.key}
                    data-added={row.added}
                    data-removed={row.removed}
                    data-moved={row.moved}
                  >
                    <th scope="row">{labelOf(t.devices, row.key)}</th>
                    <td class="num">{n(row.added)}</td>
                    <td class="num">{n(row.removed)}</td>
                    <td class="num">{n(row.moved)}</td>
                    <td class="num">{formatSignedNumber(row.net, lang)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div class="table-scroll">
            <table class="table" data-testid="delta-by-room">
              <caption>{t.comparisons.byRoom}</caption>
              <thead>
                <tr>
                  <th scope="col">{t.comparisons.room}</th>
                  <th scope="col">{t.comparisons.type}</th>
                  <TallyHeaders />
                </tr>
              </thead>
              <tbody>
                {rooms.flatMap(([room, types]) =>
                  tallyRows(types).map((row) => (
                    <tr key={`${room}:${row.key}`} data-room={room} data-type={row.key}>
                      <th scope="row">{room || t.comparisons.noRoom}</th>
                      <td>{labelOf(t.devices, row.key)}</td>
                      <td class="num">{n(row.added)}</td>
                      <td class="num">{n(row.removed)}</td>
                      <td class="num">{n(row.moved)}</td>
                    </tr>
                  )),
                )}
              </tbody>
            </table>
          </div>
        </div>
      ) : null}
      {symbols.length > 0 ? <ChangesList symbols={symbols} /> : null}
    </section>
  );
}

/** Every device change in words: the overlay's text equivalent. */
function ChangesList({ symbols }: { symbols: SymbolChange[] }) {
  const { t, lang } = useSession();
  const pt = (v: number) => formatNumber(v, lang, 0);
  return (
    <details>
      <summary>
        {t.comparisons.changesList} ({symbols.length})
      </summary>
      <div class="table-scroll">
        <table class="table" data-testid="symbol-changes">
          <thead>
            <tr>
              <th scope="col">{t.comparisons.changeColumn}</th>
              <th scope="col">{t.comparisons.type}</th>
              <th scope="col">{t.comparisons.room}</th>
              <th scope="col" class="num">
                {t.comparisons.page}
              </th>
              <th scope="col">{t.comparisons.position}</th>
            </tr>
          </thead>
          <tbody>
            {symbols.map((s, i) => (
              <tr key={`${i}-${s.change}`} data-change={s.change}>
                <td>
                  <span class="change-heading">
                    <ChangeSwatch kind={s.change} /> {CHANGE_STYLES[s.change].sign}{' '}
                    {labelOf(t.comparisons.change, s.change)}
                  </span>
                </td>
                <td>{labelOf(t.devices, s.type)}</td>
                <td>{s.room ?? t.comparisons.noRoom}</td>
                <td class="num">{s.page}</td>
                <td>
                  {s.from ? `(${pt(s.from.x)} ; ${pt(s.from.y)}) → ` : ''}({pt(s.x)} ; {pt(s.y)})
                  {s.distancePt !== undefined
                    ? `, ${t.comparisons.moved(formatNumber(s.distancePt, lang, 1))}`
                    : ''}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}

function CircuitsTable({ circuits }: { circuits: CircuitChange[] }) {
  const { t } = useSession();
  const text = (c: ComparedCircuit | null) =>
    c
      ? t.comparisons.circuitText(
          c.description,
          c.amps === null ? '—' : String(c.amps),
          String(c.poles ?? '—'),
        )
      : '—';
  return (
    <section class="card" aria-labelledby="circuits-title">
      <h2 id="circuits-title">{t.comparisons.circuitsTitle}</h2>
      {circuits.length === 0 ? (
        <p>{t.comparisons.noCircuitChange}</p>
      ) : (
        <div class="table-scroll">
          <table class="table" data-testid="circuit-changes">
            <thead>
              <tr>
                <th scope="col">{t.comparisons.panel}</th>
                <th scope="col" class="num">
                  {t.comparisons.circuit}
                </th>
                <th scope="col">{t.comparisons.changeColumn}</th>
                <th scope="col">{t.comparisons.before}</th>
                <th scope="col">{t.comparisons.after}</th>
                <th scope="col">{t.comparisons.fields}</th>
              </tr>
            </thead>
            <tbody>
              {circuits.map((c) => (
                <tr key={`${c.panel}-${c.number}`} data-change={c.change}>
                  <th scope="row">{c.panel}</th>
                  <td class="num">{c.number}</td>
                  <td>{labelOf(t.comparisons.change, c.change)}</td>
                  <td>{text(c.before)}</td>
                  <td>{text(c.after)}</td>
                  <td>{c.fields.map((f) => labelOf(t.comparisons.field, f)).join(', ')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function RoomsTable({ rooms }: { rooms: RoomChange[] }) {
  const { t } = useSession();
  return (
    <section class="card" aria-labelledby="rooms-title">
      <h2 id="rooms-title">{t.comparisons.roomsTitle}</h2>
      {rooms.length === 0 ? (
        <p>{t.comparisons.noRoomChange}</p>
      ) : (
        <div class="table-scroll">
          <table class="table" data-testid="room-changes">
            <thead>
              <tr>
                <th scope="col">{t.comparisons.changeColumn}</th>
                <th scope="col">{t.comparisons.sheet}</th>
                <th scope="col">{t.comparisons.before}</th>
                <th scope="col">{t.comparisons.after}</th>
              </tr>
            </thead>
            <tbody>
              {rooms.map((r, i) => (
                <tr key={`${i}-${r.before}-${r.after}`} data-change={r.change}>
                  <td>{labelOf(t.comparisons.roomChange, r.change)}</td>
                  <td>{r.sheet ?? '—'}</td>
                  <td>{r.before ?? '—'}</td>
                  <td>{r.after ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function BomDeltaSection({ bom }: { bom: BomDelta }) {
  const { t, lang } = useSession();
  const money = (cents: number) => formatSignedCents(cents, lang);
  const lines: BomLineDelta[] = [...bom.added, ...bom.removed];
  const row = (label: string, cents: number, testId: string) => (
    <tr>
      <th scope="row" colSpan={5}>
        {label}
      </th>
      <td class="num" data-testid={testId} data-cents={cents}>
        {money(cents)}
      </td>
    </tr>
  );
  return (
    <section class="card" aria-labelledby="bom-delta-title">
      <h2 id="bom-delta-title">{t.comparisons.bomTitle}</h2>
      <p class="muted">{t.comparisons.bomIntro}</p>
      <p data-testid="bom-delta-totals">
        {t.comparisons.totals(
          formatCents(bom.base.totalCents, lang),
          formatCents(bom.revised.totalCents, lang),
        )}
      </p>
      {lines.length === 0 ? <p>{t.comparisons.noBomChange}</p> : null}
      <ScrollRegion label={t.plan.scrollTable(t.comparisons.bomTitle)}>
        <table class="table" data-testid="bom-delta">
          <ColumnHeads
            columns={[
              { label: t.bom.sku },
              { label: t.bom.description },
              { label: t.comparisons.orderQuantity, numeric: true },
              { label: t.bom.materials, numeric: true },
              { label: t.bom.labour, numeric: true },
              { label: t.bom.total, numeric: true },
            ]}
          />
          <tbody>
            {lines.map((l) => (
              <tr key={l.sku} data-sku={l.sku} data-cents={l.totalCentsDelta}>
                <td>
                  <code>{l.sku}</code>
                </td>
                <td>{l.description}</td>
                <td class="num">
                  {formatSignedNumber(l.orderQuantityDelta, lang)} {labelOf(t.units, l.unit)}
                </td>
                <td class="num">{money(l.materialsCentsDelta)}</td>
                <td class="num">{money(l.labourCentsDelta)}</td>
                <td class="num">{money(l.totalCentsDelta)}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            {row(t.bom.totalMaterials, bom.materialsDelta, 'bom-delta-materials')}
            {row(
              t.comparisons.labourHours(formatSignedNumber(bom.labourHoursDelta, lang)),
              bom.labourDelta,
              'bom-delta-labour',
            )}
            {row(t.bom.subtotal, bom.subtotalDelta, 'bom-delta-subtotal')}
            {row(t.bom.tps, bom.tpsDelta, 'bom-delta-tps')}
            {row(t.bom.tvq, bom.tvqDelta, 'bom-delta-tvq')}
            {row(t.bom.grandTotal, bom.totalDelta, 'bom-delta-total')}
          </tfoot>
        </table>
      </ScrollRegion>
    </section>
  );
}
