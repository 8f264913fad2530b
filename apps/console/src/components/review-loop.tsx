import { useEffect, useRef, useState } from 'preact/hooks';
import { type ApiError, saveBlob } from '../api.ts';
import { toApiError } from '../hooks.ts';
import { labelOf } from '../i18n/index.ts';
import { cropRect, isLowConfidence, NO_CORRECTIONS, type PendingCorrections } from '../overlay.ts';
import { useSession } from '../session.ts';
import type { Accepted, LegendMapping, PlanAnalysis } from '../types.ts';
import { PlanViewer } from './plan-viewer.tsx';
import { ProblemAlert } from './problem-alert.tsx';

/**
 * The review loop of issue 16 in the console: the preview with low-confidence symbols marked, a
 * correction mode (add or remove symbols on the preview) saved as a new revision of the analysis
 * (`POST /v1/plans/{id}/analysis/revisions`), and the export of every correction as JSON.
 */
export function ReviewedViewer({
  planId,
  analysis,
  onRevised,
}: {
  planId: string;
  analysis: PlanAnalysis;
  /** Called once a revision is saved (reload the analysis and follow the re-run stages). */
  onRevised: () => void;
}) {
  const { api, t } = useSession();
  const [editing, setEditing] = useState(false);
  const [addType, setAddType] = useState('receptacle');
  const [pending, setPending] = useState<PendingCorrections>(NO_CORRECTIONS);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [saved, setSaved] = useState<number | null>(null);
  const low = analysis.pages.reduce((n, p) => n + p.symbols.filter(isLowConfidence).length, 0);
  const revision = analysis.revision ?? 0;
  const changes = pending.add.length + pending.remove.length;

  const save = async () => {
    setSaving(true);
    setError(null);
    try {
      const created = await api.post<{ revision: number }>(`/v1/plans/${planId}/analysis/revisions`, {
        baseRevision: revision,
        ...pending,
      });
      setPending(NO_CORRECTIONS);
      setEditing(false);
      setSaved(created.revision);
      onRevised();
    } catch (err) {
      setError(toApiError(err));
    } finally {
      setSaving(false);
    }
  };

  const exportCorrections = async () => {
    try {
      const { blob } = await api.blob(`/v1/plans/${planId}/corrections?format=json`);
      saveBlob(blob, `corrections-${planId.slice(0, 8)}.json`);
    } catch (err) {
      setError(toApiError(err));
    }
  };

  return (
    <div data-testid="review-loop">
      <p class="muted" data-testid="revision">
        {t.review.revision(revision, analysis.currentRevision ?? revision)}
      </p>
      {low > 0 ? (
        <p data-testid="low-confidence" data-count={low}>
          {t.review.lowConfidence(low)}
        </p>
      ) : null}
      <div class="button-row">
        <button
          type="button"
          class="button button-secondary"
          aria-pressed={editing}
          data-testid="review-edit"
          onClick={() => setEditing(!editing)}
        >
          {editing ? t.review.stopEditing : t.review.edit}
        </button>
        {editing ? (
          <label class="inline-field">
            <span>{t.review.addType}</span>
            <select
              value={addType}
              onChange={(e) => setAddType(e.currentTarget.value)}
              data-testid="review-add-type"
            >
              {Object.entries(t.devices).map(([type, label]) => (
                <option key={type} value={type}>
                  {label}
                </option>
              ))}
            </select>
          </label>
        ) : null}
        <button type="button" class="button button-secondary" onClick={exportCorrections}>
          {t.review.exportCorrections}
        </button>
      </div>
      {editing ? <p class="muted">{t.review.editHelp}</p> : null}
      <PlanViewer
        planId={planId}
        pages={analysis.pages}
        review={{ editing, addType, pending, onPendingChange: setPending }}
      />
      {changes > 0 ? (
        <div class="button-row" data-testid="review-pending">
          <span aria-live="polite">{t.review.pending(pending.add.length, pending.remove.length)}</span>
          <button type="button" class="button" disabled={saving} onClick={save} data-testid="review-save">
            {t.review.save}
          </button>
          <button type="button" class="button button-secondary" onClick={() => setPending(NO_CORRECTIONS)}>
            {t.review.discard}
          </button>
        </div>
      ) : null}
      {saved !== null ? (
        <p class="alert alert-info" role="status" data-testid="review-saved">
          {t.review.saved(saved)}
        </p>
      ) : null}
      {error ? <ProblemAlert error={error} /> : null}
    </div>
  );
}

/**
 * Legend entries the analyser could not type, each with its symbol cut out of the page preview,
 * a type to map its wording to (`PUT /v1/legend-mappings`) and a re-run of the plan.
 */
export function UnresolvedLegend({
  planId,
  analysis,
  onRerun,
}: {
  planId: string;
  analysis: PlanAnalysis;
  /** Called once the re-run is accepted (follow the plan's stages again). */
  onRerun: () => void;
}) {
  const { api, t } = useSession();
  const entries = analysis.unresolvedLegendEntries ?? [];
  const [types, setTypes] = useState<Record<string, string>>({});
  const [mapped, setMapped] = useState<string[]>([]);
  const [error, setError] = useState<ApiError | null>(null);
  const [rerun, setRerun] = useState(false);

  const map = async (label: string, key: string) => {
    setError(null);
    try {
      const mapping = await api.put<LegendMapping>('/v1/legend-mappings', {
        label,
        type: types[key] ?? 'other',
      });
      setMapped((m) => [...m, t.review.mapped(mapping.label, labelOf(t.devices, mapping.type))]);
    } catch (err) {
      setError(toApiError(err));
    }
  };
  const reanalyze = async () => {
    setError(null);
    try {
      await api.post<Accepted>(`/v1/plans/${planId}/reanalyze`, {});
      setRerun(true);
      onRerun();
    } catch (err) {
      setError(toApiError(err));
    }
  };

  return (
    <div data-testid="unresolved-legend">
      <h3>{t.review.unresolvedTitle}</h3>
      {entries.length === 0 ? (
        <p>{t.review.noUnresolved}</p>
      ) : (
        <>
          <p>{t.review.unresolvedIntro}</p>
          <ul class="unresolved-list">
            {entries.map((e) => {
              const key = `${e.page}-${e.symbolId}`;
              const page = analysis.pages.find((p) => p.number === e.page);
              return (
                <li key={key} data-symbol={e.symbolId}>
                  {page ? (
                    <SymbolCrop
                      planId={planId}
                      page={page}
                      bbox={e.bbox}
                      label={t.review.symbolImage(e.label)}
                    />
                  ) : null}
                  <span class="unresolved-label">{e.label}</span>
                  <label class="inline-field">
                    <span>{t.review.mapTo}</span>
                    <select
                      value={types[key] ?? 'other'}
                      onChange={(ev) => {
                        const value = ev.currentTarget.value;
                        setTypes((x) => ({ ...x, [key]: value }));
                      }}
                    >
                      {Object.entries(t.devices).map(([type, label]) => (
                        <option key={type} value={type}>
                          {label}
                        </option>
                      ))}
                    </select>
                  </label>
                  <button type="button" class="button button-secondary" onClick={() => map(e.label, key)}>
                    {t.review.map}
                  </button>
                </li>
              );
            })}
          </ul>
        </>
      )}
      {mapped.map((m) => (
        <p key={m} role="status">
          {m}
        </p>
      ))}
      {entries.length > 0 || mapped.length > 0 ? (
        <button type="button" class="button" onClick={reanalyze} data-testid="reanalyze">
          {t.review.rerun}
        </button>
      ) : null}
      {rerun ? <p role="status">{t.review.rerunStarted}</p> : null}
      {error ? <ProblemAlert error={error} /> : null}
    </div>
  );
}

/** A legend symbol cut out of its page's preview (fetched with the key, drawn on a canvas: CSP-safe). */
function SymbolCrop({
  planId,
  page,
  bbox,
  label,
}: {
  planId: string;
  page: { number: number; widthPt: number; heightPt: number };
  bbox: [number, number, number, number];
  label: string;
}) {
  const { api } = useSession();
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const controller = new AbortController();
    api
      .blob(`/v1/plans/${planId}/pages/${page.number}/preview.png`, controller.signal)
      .then(async ({ blob }) => {
        const bitmap = await createImageBitmap(blob);
        const canvas = ref.current;
        const ctx = canvas?.getContext('2d');
        if (!canvas || !ctx || controller.signal.aborted) return bitmap.close();
        const r = cropRect(bbox, { width: page.widthPt, height: page.heightPt });
        const k = bitmap.width / page.widthPt; // preview pixels per point
        ctx.fillStyle = '#ffffff';
        ctx.fillRect(0, 0, canvas.width, canvas.height);
        const fit = Math.min(canvas.width / r.width, canvas.height / r.height);
        const w = r.width * fit;
        const h = r.height * fit;
        ctx.drawImage(
          bitmap,
          r.x * k,
          r.y * k,
          r.width * k,
          r.height * k,
          (canvas.width - w) / 2,
          (canvas.height - h) / 2,
          w,
          h,
        );
        bitmap.close();
      })
      .catch(() => {
        // No preview for that page: the wording alone identifies the entry.
      });
    return () => controller.abort();
  }, [api, planId, page.number, page.widthPt, page.heightPt, bbox]);
  return <canvas ref={ref} class="legend-crop" width={96} height={64} role="img" aria-label={label} />;
}
