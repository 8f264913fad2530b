import { useRef, useState } from 'preact/hooks';
import { ApiError, saveBlob } from '../api.ts';
import { ColumnHeads, ScrollRegion } from '../components/data-table.tsx';
import { ProblemAlert } from '../components/problem-alert.tsx';
import { StatusBadge } from '../components/stage-progress.tsx';
import { formatMoney, formatNumber } from '../format.ts';
import { toApiError, useDocumentTitle, useLoad, usePolling } from '../hooks.ts';
import { labelOf } from '../i18n/index.ts';
import { Link } from '../router.tsx';
import { useSession } from '../session.ts';
import type { Accepted, Bom, BomJob, BomLine, CatalogList, CatalogSummary } from '../types.ts';
import { usePlan } from './plan.tsx';

const PLAN_SOURCE = 'plan';

/** Lines grouped by category, keeping the server's order (it sorts lines by category). */
export function groupByCategory(lines: readonly BomLine[]): Array<{ category: string; lines: BomLine[] }> {
  const groups: Array<{ category: string; lines: BomLine[] }> = [];
  for (const line of lines) {
    const last = groups[groups.length - 1];
    if (last && last.category === line.category) last.lines.push(line);
    else {
      const existing = groups.find((g) => g.category === line.category);
      if (existing) existing.lines.push(line);
      else groups.push({ category: line.category, lines: [line] });
    }
  }
  return groups;
}

/**
 * The plan's bill of materials (`GET /v1/plans/{id}/bom`), or the same device counts repriced
 * with another catalogue (`POST /v1/boms`), with CSV/XLSX downloads and catalogue import.
 */
export function BomPage({ planId }: { planId: string }) {
  const { api, t, lang, announce } = useSession();
  const { plan, error: planError } = usePlan(planId);
  useDocumentTitle(t.bom.title);
  const bomDone = plan?.stages.bom.status === 'completed';
  const planBom = useLoad<Bom>(bomDone ? (signal) => api.get<Bom>(`/v1/plans/${planId}/bom`, signal) : null, [
    planId,
    bomDone,
    api,
    lang,
  ]);
  const catalogs = useLoad<CatalogList>((signal) => api.get<CatalogList>('/v1/catalogs', signal), [api]);
  const [source, setSource] = useState(PLAN_SOURCE);
  const [reprice, setReprice] = useState<{ job: BomJob | null; error: ApiError | null; empty?: boolean }>({
    job: null,
    error: null,
  });
  const [downloadError, setDownloadError] = useState<ApiError | null>(null);
  const [downloading, setDownloading] = useState<string | null>(null);

  const repriceRunning =
    source !== PLAN_SOURCE &&
    reprice.job !== null &&
    reprice.job.status !== 'completed' &&
    reprice.job.status !== 'failed';
  usePolling(
    async () => {
      if (!reprice.job) return;
      try {
        const job = await api.get<BomJob>(`/v1/boms/${reprice.job.id}`);
        setReprice({ job, error: null });
      } catch (err) {
        setReprice((r) => ({ ...r, error: toApiError(err) }));
      }
    },
    1000,
    repriceRunning,
  );

  const chooseCatalog = async (value: string) => {
    setSource(value);
    setReprice({ job: null, error: null });
    if (value === PLAN_SOURCE || !planBom.data) return;
    const devices = planBom.data.devices ?? {};
    const items = Object.entries(devices)
      .filter(([, quantity]) => quantity > 0)
      .map(([type, quantity]) => ({ type, quantity }));
    if (items.length === 0) {
      setReprice({ job: null, error: null, empty: true });
      return;
    }
    try {
      const accepted = await api.post<Accepted>('/v1/boms', { items, catalogId: value });
      setReprice({ job: { id: accepted.id, status: accepted.status }, error: null });
    } catch (err) {
      setReprice({ job: null, error: toApiError(err) });
    }
  };

  const shown: Bom | null =
    source === PLAN_SOURCE
      ? planBom.data
      : reprice.job?.status === 'completed' && reprice.job.lines
        ? (reprice.job as Bom)
        : null;
  const exportPath = (format: 'csv' | 'xlsx' | 'pdf') =>
    source === PLAN_SOURCE
      ? `/v1/plans/${planId}/bom?format=${format}`
      : `/v1/boms/${reprice.job?.id}?format=${format}`;

  const download = async (format: 'csv' | 'xlsx' | 'pdf') => {
    setDownloadError(null);
    setDownloading(format);
    try {
      const { blob, filename } = await api.blob(exportPath(format));
      const name = filename ?? `bom-${planId.slice(0, 8)}.${format}`;
      saveBlob(blob, name);
      announce(t.bom.downloaded(name));
    } catch (err) {
      setDownloadError(toApiError(err));
    } finally {
      setDownloading(null);
    }
  };

  return (
    <div class="page">
      <p class="breadcrumb">
        <Link href={`/plans/${planId}`}>← {plan?.name ?? t.plan.back}</Link>
      </p>
      <header class="page-header">
        <div>
          <h1 id="page-title" tabIndex={-1}>
            {t.bom.title}
          </h1>
          {plan ? <p class="muted">{t.bom.of(plan.name)}</p> : null}
        </div>
        {plan ? <StatusBadge status={plan.stages.bom.status} /> : null}
      </header>
      {planError && !plan ? <ProblemAlert error={planError} /> : null}

      <section class="card" aria-labelledby="bom-controls-title">
        <h2 id="bom-controls-title" class="visually-hidden">
          {t.bom.catalogLabel}
        </h2>
        <div class="controls-row">
          <div class="field">
            <label for="catalog-select">{t.bom.catalogLabel}</label>
            <select
              id="catalog-select"
              value={source}
              disabled={!planBom.data}
              onChange={(e) => void chooseCatalog(e.currentTarget.value)}
            >
              <option value={PLAN_SOURCE}>{t.bom.catalogPlan}</option>
              {(catalogs.data?.items ?? []).map((c: CatalogSummary) => (
                <option key={c.id} value={c.id}>
                  {t.bom.catalogItem(c.name, c.itemCount, c.isDefault)}
                </option>
              ))}
            </select>
            {catalogs.data?.builtIn.inUse ? (
              <p class="hint">
                {t.bom.catalogBuiltIn(catalogs.data.builtIn.name, catalogs.data.builtIn.priceDate)}
              </p>
            ) : null}
          </div>
          <fieldset class="field plain-fieldset">
            <legend class="field-label">{t.bom.download}</legend>
            <div class="button-row">
              <button
                type="button"
                class="button"
                disabled={!shown || downloading !== null}
                aria-label={t.bom.downloadXlsxLabel}
                onClick={() => void download('xlsx')}
                data-testid="download-xlsx"
              >
                {t.bom.downloadXlsx}
              </button>
              <button
                type="button"
                class="button button-secondary"
                disabled={!shown || downloading !== null}
                aria-label={t.bom.downloadCsvLabel}
                onClick={() => void download('csv')}
                data-testid="download-csv"
              >
                {t.bom.downloadCsv}
              </button>
              <button
                type="button"
                class="button button-secondary"
                disabled={!shown || downloading !== null}
                aria-label={t.bom.downloadPdfLabel}
                onClick={() => void download('pdf')}
                data-testid="download-pdf"
              >
                {t.bom.downloadPdf}
              </button>
            </div>
          </fieldset>
        </div>
        {downloadError ? <ProblemAlert error={downloadError} /> : null}
        {catalogs.error ? <ProblemAlert error={catalogs.error} onRetry={catalogs.reload} /> : null}
        {source !== PLAN_SOURCE ? <p class="alert alert-info">{t.bom.repricedNote}</p> : null}
        {repriceRunning ? <p role="status">{t.bom.repricing}</p> : null}
        {reprice.empty ? <p role="status">{t.bom.nothingToReprice}</p> : null}
        {reprice.error ? <ProblemAlert error={reprice.error} /> : null}
        {reprice.job?.status === 'failed' ? (
          <p class="alert alert-error" role="alert">
            {t.bom.failed} {reprice.job.error?.message ?? ''}
          </p>
        ) : null}
      </section>

      {plan && !bomDone ? (
        plan.stages.bom.status === 'failed' ? (
          <p class="alert alert-error" role="alert">
            {t.bom.failed} {plan.stages.bom.error?.message ?? ''}
          </p>
        ) : (
          <p class="alert alert-info" role="status">
            {t.bom.waiting}
          </p>
        )
      ) : null}
      {planBom.error ? <ProblemAlert error={planBom.error} onRetry={planBom.reload} /> : null}
      {shown ? <BomView bom={shown} /> : null}

      <CatalogImport onImported={catalogs.reload} />
    </div>
  );
}

function BomView({ bom }: { bom: Bom }) {
  const { t, lang } = useSession();
  const money = (n: number) => formatMoney(n, lang);
  const groups = groupByCategory(bom.lines);
  const labourRate = bom.labour ? money(bom.labour.rate) : '—';
  return (
    <>
      <section class="card" aria-labelledby="bom-lines-title">
        <h2 id="bom-lines-title">{t.bom.title}</h2>
        {bom.priceList ? (
          <p class="muted">{t.bom.priceList(bom.priceList.source, bom.priceList.priceDate)}</p>
        ) : null}
        {bom.lines.length === 0 ? (
          <p data-testid="bom-empty">{t.bom.noLines}</p>
        ) : (
          <ScrollRegion label={t.plan.scrollTable(t.bom.title)}>
            <table class="table bom-table" data-testid="bom-lines">
              <ColumnHeads
                columns={[
                  { label: t.bom.sku },
                  { label: t.bom.description },
                  { label: t.bom.quantity, numeric: true },
                  { label: t.bom.ordered, numeric: true },
                  { label: t.bom.unitPrice, numeric: true },
                  { label: t.bom.labourHours, numeric: true },
                  { label: t.bom.total, numeric: true },
                ]}
              />
              {groups.map((g) => {
                const subtotal = g.lines.reduce((a, l) => a + Math.round(l.total * 100), 0) / 100;
                const label = labelOf(t.categories, g.category);
                return (
                  <tbody key={g.category} data-category={g.category}>
                    <tr class="group-row">
                      <th scope="colgroup" colSpan={7}>
                        {label}
                      </th>
                    </tr>
                    {g.lines.map((l) => (
                      <tr key={`${l.sku}-${l.room ?? ''}`}>
                        <td>
                          <code>{l.sku}</code>
                        </td>
                        <td>
                          {l.description}
                          {l.priceSource === 'fallback' ? (
                            <span class="muted small"> ({t.bom.fallbackPrice})</span>
                          ) : null}
                        </td>
                        <td class="num">
                          {formatNumber(l.quantity, lang)} {labelOf(t.units, l.quantityUnit)}
                        </td>
                        <td class="num">
                          {l.orderQuantity === undefined
                            ? '—'
                            : `${formatNumber(l.orderQuantity, lang)} ${labelOf(t.units, l.unit)}`}
                        </td>
                        <td class="num">{money(l.unitPrice)}</td>
                        <td class="num">{formatNumber(l.labourHours, lang)}</td>
                        <td class="num">{money(l.total)}</td>
                      </tr>
                    ))}
                    <tr class="subtotal-row">
                      <th scope="row" colSpan={6}>
                        {t.bom.subtotalOf(label)}
                      </th>
                      <td class="num">{money(subtotal)}</td>
                    </tr>
                  </tbody>
                );
              })}
            </table>
          </ScrollRegion>
        )}
      </section>

      <div class="two-columns">
        <section class="card" aria-labelledby="bom-totals-title">
          <h2 id="bom-totals-title">{t.bom.totalsTitle}</h2>
          <table class="table totals-table" data-testid="bom-totals">
            <tbody>
              <tr>
                <th scope="row">{t.bom.totalMaterials}</th>
                <td class="num">{money(bom.materials ?? bom.subtotal - (bom.labour?.total ?? 0))}</td>
              </tr>
              <tr>
                <th scope="row">{t.bom.totalLabour(formatNumber(bom.labourHours, lang), labourRate)}</th>
                <td class="num">{money(bom.labour?.total ?? 0)}</td>
              </tr>
              <tr>
                <th scope="row">{t.bom.subtotal}</th>
                <td class="num">{money(bom.subtotal)}</td>
              </tr>
              <tr>
                <th scope="row">{t.bom.tps}</th>
                <td class="num" data-testid="tps">
                  {money(bom.taxes.tps)}
                </td>
              </tr>
              <tr>
                <th scope="row">{t.bom.tvq}</th>
                <td class="num" data-testid="tvq">
                  {money(bom.taxes.tvq)}
                </td>
              </tr>
              <tr class="grand-total">
                <th scope="row">{t.bom.grandTotal}</th>
                <td class="num" data-testid="grand-total">
                  {money(bom.total)}
                </td>
              </tr>
            </tbody>
          </table>
        </section>
        <section class="card" aria-labelledby="bom-assumptions-title">
          <h2 id="bom-assumptions-title">{t.bom.assumptions}</h2>
          <ul>
            {bom.assumptions.map((a) => (
              <li key={a}>{a}</li>
            ))}
          </ul>
          {bom.unpriced && bom.unpriced.length > 0 ? (
            <>
              <h3>{t.bom.unpriced}</h3>
              <ul>
                {bom.unpriced.map((u) => (
                  <li key={`${u.kind}-${u.ref}`}>
                    {t.bom.unpricedItem(labelOf(t.devices, u.ref), formatNumber(u.quantity, lang), u.reason)}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </section>
      </div>
    </>
  );
}

/** `POST /v1/catalogs` (multipart): a contractor's price file, with its row errors listed. */
function CatalogImport({ onImported }: { onImported: () => void }) {
  const { api, t, announce } = useSession();
  const file = useRef<HTMLInputElement>(null);
  const [name, setName] = useState('');
  const [makeDefault, setMakeDefault] = useState(false);
  const [busy, setBusy] = useState(false);
  const [fileError, setFileError] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [done, setDone] = useState<string | null>(null);

  const submit = async (e: Event) => {
    e.preventDefault();
    setError(null);
    setDone(null);
    const chosen = file.current?.files?.[0];
    if (!chosen) {
      setFileError(t.bom.chooseFile);
      file.current?.focus();
      return;
    }
    setFileError(null);
    const form = new FormData();
    form.append('file', chosen, chosen.name);
    if (name.trim()) form.append('name', name.trim());
    // Unchecked: let the server decide (an organisation's first catalogue becomes its default).
    if (makeDefault) form.append('default', 'true');
    setBusy(true);
    try {
      const created = await api.postForm<CatalogSummary>('/v1/catalogs', form);
      const message = t.bom.imported(created.name, created.itemCount);
      setDone(message);
      announce(message);
      onImported();
    } catch (err) {
      setError(toApiError(err));
    } finally {
      setBusy(false);
    }
  };

  const rowErrors = error instanceof ApiError ? (error.problem.errors ?? []) : [];
  return (
    <section class="card" aria-labelledby="catalog-import-title">
      <h2 id="catalog-import-title">{t.bom.importTitle}</h2>
      <p class="muted">{t.bom.importIntro}</p>
      <form class="form" onSubmit={submit} noValidate>
        <div class="controls-row">
          <div class="field">
            <label for="catalog-file">{t.bom.importFile}</label>
            <input
              ref={file}
              id="catalog-file"
              type="file"
              accept=".csv,text/csv"
              aria-invalid={fileError ? 'true' : undefined}
              aria-describedby={fileError ? 'catalog-file-error' : undefined}
            />
            {fileError ? (
              <p id="catalog-file-error" class="field-error">
                {fileError}
              </p>
            ) : null}
          </div>
          <div class="field">
            <label for="catalog-name">{t.bom.importName}</label>
            <input
              id="catalog-name"
              type="text"
              value={name}
              onInput={(e) => setName(e.currentTarget.value)}
            />
          </div>
        </div>
        <label class="check">
          <input
            type="checkbox"
            checked={makeDefault}
            onChange={(e) => setMakeDefault(e.currentTarget.checked)}
          />
          <span>{t.bom.importDefault}</span>
        </label>
        <div>
          <button type="submit" class="button" disabled={busy}>
            {busy ? t.bom.importing : t.bom.importSubmit}
          </button>
        </div>
      </form>
      {done ? (
        <p class="alert alert-success" role="status">
          {done}
        </p>
      ) : null}
      {error && rowErrors.length > 0 ? (
        <div class="alert alert-error" role="alert" data-testid="catalog-errors">
          <p class="alert-title">{error.problem.detail ?? t.bom.importErrors(rowErrors.length)}</p>
          <div class="table-scroll">
            <table class="table">
              <thead>
                <tr>
                  <th scope="col">{t.bom.errorLine}</th>
                  <th scope="col">{t.bom.errorMessage}</th>
                </tr>
              </thead>
              <tbody>
                {rowErrors.map((e) => (
                  <tr key={`${e.path}-${e.message}`}>
                    <td>{e.path}</td>
                    <td>{e.message}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      ) : null}
      {error && rowErrors.length === 0 ? <ProblemAlert error={error} /> : null}
    </section>
  );
}
