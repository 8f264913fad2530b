import { useEffect, useMemo, useState } from 'preact/hooks';
import { formatNumber } from '../format.ts';
import { labelOf } from '../i18n/index.ts';
import {
  canvasToPage,
  colorOf,
  FIT_VIEW,
  hitTest,
  isLowConfidence,
  type PendingCorrections,
  type Size,
  symbolRect,
  toggleRemoval,
  toPageSpace,
  transformFor,
} from '../overlay.ts';
import { usePagePreview } from '../page-preview.ts';
import { useSession } from '../session.ts';
import { toggled } from '../toggle-set.ts';
import type { AnalysisPage, DetectedSymbol } from '../types.ts';
import { beginPageFrame } from './page-canvas.ts';
import { PageSelect } from './page-select.tsx';
import { usePanZoom, ZoomControls } from './pan-zoom.tsx';
import { ProblemAlert } from './problem-alert.tsx';

const MM_PER_PT = 25.4 / 72;

/**
 * The annotated page preview (`GET /v1/plans/{id}/pages/{n}/preview.png`, fetched with the key)
 * drawn on a canvas with the detected symbols outlined on top, filtered by device type, with
 * zoom and pan (pointer, wheel, keyboard). Drawing the image through createImageBitmap keeps it
 * within the CSP (no blob: or data: image sources needed). When the server has no preview (404),
 * the symbols are drawn on a blank page of the plan's size.
 */
/**
 * The review loop (optional): in `editing` mode a click on a symbol marks it for removal (or
 * restores it) and a click elsewhere adds a symbol of `addType`; the pending corrections are
 * drawn on the preview (removals crossed out, additions dashed) until saved as a revision.
 */
export type ReviewControls = {
  editing: boolean;
  addType: string;
  pending: PendingCorrections;
  onPendingChange: (pending: PendingCorrections) => void;
};

export function PlanViewer({
  planId,
  pages,
  review,
}: {
  planId: string;
  pages: AnalysisPage[];
  review?: ReviewControls;
}) {
  const { api, t, lang } = useSession();
  const [pageIndex, setPageIndex] = useState(0);
  const page = pages[pageIndex] ?? pages[0];
  const [hidden, setHidden] = useState<Set<string>>(new Set());
  const [selected, setSelected] = useState<DetectedSymbol | null>(null);

  const pageNumber = page?.number ?? 1;
  const preview = usePagePreview(api, planId, pageNumber);
  const pageSize: Size = { width: page?.widthPt ?? 612, height: page?.heightPt ?? 792 };
  const symbols = page?.symbols ?? [];
  const typesOnPage = useMemo(() => {
    const counts = new Map<string, number>();
    for (const s of symbols) counts.set(s.type, (counts.get(s.type) ?? 0) + 1);
    return [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  }, [symbols]);
  const shown = symbols.filter((s) => !hidden.has(s.type));
  const panZoom = usePanZoom(pageSize, {
    onClick: (x, y) => pickAt(x, y),
    extraKeys: { Escape: () => setSelected(null) },
  });
  const { view, setView, canvasSize, canvasRef, frameRef } = panZoom;

  // A new page starts at the fitted view with nothing selected.
  useEffect(() => {
    setView(FIT_VIEW);
    setSelected(null);
  }, [planId, pageNumber]);

  // Draw.
  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas || canvasSize.width === 0) return;
    const frame = beginPageFrame(canvas, canvasSize, pageSize, view);
    if (!frame) return;
    const { ctx, tf } = frame;
    if (preview.kind === 'image') {
      ctx.imageSmoothingQuality = 'high';
      ctx.drawImage(preview.bitmap, 0, 0, pageSize.width, pageSize.height);
    }
    ctx.lineWidth = 1 / tf.scale;
    ctx.strokeStyle = '#6b7280';
    ctx.strokeRect(0, 0, pageSize.width, pageSize.height);
    const px = 1 / tf.scale; // one CSS pixel, in points
    const removed = new Set(
      (review?.pending.remove ?? []).filter((r) => r.page === pageNumber).map((r) => symbols[r.index]),
    );
    for (const s of shown) {
      const r = symbolRect(s, pageSize.height);
      ctx.strokeStyle = colorOf(s.type);
      ctx.lineWidth = 2 * px;
      // Low confidence: dashed, with a wider amber halo, so the eye finds what to check first.
      if (isLowConfidence(s)) {
        ctx.save();
        ctx.strokeStyle = '#f59e0b';
        ctx.lineWidth = 4 * px;
        ctx.strokeRect(r.x - 5 * px, r.y - 5 * px, r.width + 10 * px, r.height + 10 * px);
        ctx.restore();
        ctx.setLineDash([4 * px, 3 * px]);
      }
      ctx.strokeRect(r.x - 2 * px, r.y - 2 * px, r.width + 4 * px, r.height + 4 * px);
      ctx.setLineDash([]);
      if (removed.has(s)) {
        ctx.strokeStyle = '#dc2626';
        ctx.lineWidth = 3 * px;
        ctx.beginPath();
        ctx.moveTo(r.x - 4 * px, r.y - 4 * px);
        ctx.lineTo(r.x + r.width + 4 * px, r.y + r.height + 4 * px);
        ctx.moveTo(r.x + r.width + 4 * px, r.y - 4 * px);
        ctx.lineTo(r.x - 4 * px, r.y + r.height + 4 * px);
        ctx.stroke();
      }
    }
    for (const a of review?.pending.add ?? []) {
      if (a.page !== pageNumber) continue;
      const r = symbolRect({ x: a.x, y: a.y }, pageSize.height);
      ctx.strokeStyle = colorOf(a.type);
      ctx.lineWidth = 2.5 * px;
      ctx.setLineDash([2 * px, 2 * px]);
      ctx.strokeRect(r.x, r.y, r.width, r.height);
      ctx.setLineDash([]);
    }
    if (selected && !hidden.has(selected.type)) {
      const r = symbolRect(selected, pageSize.height);
      ctx.strokeStyle = '#000000';
      ctx.lineWidth = 3 * px;
      ctx.strokeRect(r.x - 5 * px, r.y - 5 * px, r.width + 10 * px, r.height + 10 * px);
      ctx.strokeStyle = '#ffd23f';
      ctx.lineWidth = 1.5 * px;
      ctx.strokeRect(r.x - 5 * px, r.y - 5 * px, r.width + 10 * px, r.height + 10 * px);
    }
  });

  const pickAt = (clientX: number, clientY: number) => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    const rect = canvas.getBoundingClientRect();
    const tf = transformFor(pageSize, canvasSize, view);
    const point = canvasToPage(tf, clientX - rect.left, clientY - rect.top);
    const hit = hitTest(shown, point, pageSize.height, 4 / tf.scale);
    setSelected(hit);
    if (!review?.editing) return;
    const { pending, onPendingChange } = review;
    if (hit) {
      onPendingChange(toggleRemoval(pending, pageNumber, symbols.indexOf(hit)));
      return;
    }
    const additions = pending.add.map((a, index) => ({ ...a, index })).filter((a) => a.page === pageNumber);
    const addedHit = hitTest(additions, point, pageSize.height, 4 / tf.scale);
    if (addedHit) {
      onPendingChange(toggleRemoval(pending, pageNumber, addedHit.index, true));
      return;
    }
    if (point.x < 0 || point.y < 0 || point.x > pageSize.width || point.y > pageSize.height) return;
    onPendingChange({
      ...pending,
      add: [
        ...pending.add,
        { type: review.addType, page: pageNumber, ...toPageSpace(point, pageSize.height) },
      ],
    });
  };

  const toggle = (type: string) => setHidden((h) => toggled(h, type));

  if (!page) return null;
  const wMm = formatNumber(page.widthPt * MM_PER_PT, lang, 1);
  const hMm = formatNumber(page.heightPt * MM_PER_PT, lang, 1);

  return (
    <div class="viewer">
      <div class="viewer-toolbar">
        <PageSelect
          label={t.plan.page}
          options={pages.map((p, i) => ({ value: i, label: t.plan.pageOf(p.number, pages.length) }))}
          value={pageIndex}
          onChange={setPageIndex}
          testId="page-select"
          single={t.plan.pageOf(page.number, pages.length)}
        />
        <span class="muted" data-testid="page-size">
          {t.plan.pageSize(page.widthPt, page.heightPt, wMm, hMm)}
        </span>
        <span class="muted">{page.scale ? t.plan.scale(page.scale.text) : t.plan.noScale}</span>
        <span class="toolbar-spacer" />
        <ZoomControls panZoom={panZoom} />
      </div>

      {preview.kind === 'unavailable' ? (
        <div class="alert alert-info" data-testid="preview-unavailable">
          <p class="alert-title">{t.plan.previewUnavailable}</p>
          <p>{t.plan.previewUnavailableBody}</p>
        </div>
      ) : null}
      {preview.kind === 'error' ? (
        <div>
          <p>{t.plan.previewError}</p>
          <ProblemAlert error={preview.error} />
        </div>
      ) : null}

      <div class="viewer-body">
        <div class="viewer-frame" ref={frameRef}>
          <canvas
            ref={canvasRef}
            class="viewer-canvas"
            tabIndex={0}
            aria-label={t.plan.canvasLabel(page.number, shown.length, symbols.length)}
            aria-describedby="viewer-help"
            data-testid="plan-canvas"
            data-preview={preview.kind}
            {...panZoom.canvasHandlers}
          />
        </div>
        <fieldset class="type-toggles">
          <legend>{t.plan.typesLegend}</legend>
          {typesOnPage.length === 0 ? <p class="muted">{t.plan.noCounts}</p> : null}
          {typesOnPage.map(([type, count]) => (
            <label key={type} class="check">
              <input
                type="checkbox"
                checked={!hidden.has(type)}
                onChange={() => toggle(type)}
                data-type={type}
              />
              <svg class="swatch" viewBox="0 0 12 12" aria-hidden="true" focusable="false">
                <rect
                  x="1"
                  y="1"
                  width="10"
                  height="10"
                  fill="none"
                  stroke={colorOf(type)}
                  stroke-width="2.5"
                />
              </svg>
              <span>
                {labelOf(t.devices, type)} ({count})
              </span>
            </label>
          ))}
          {typesOnPage.length > 1 ? (
            <div class="button-row">
              <button type="button" class="button button-secondary" onClick={() => setHidden(new Set())}>
                {t.plan.showAll}
              </button>
              <button
                type="button"
                class="button button-secondary"
                onClick={() => setHidden(new Set(typesOnPage.map(([type]) => type)))}
              >
                {t.plan.hideAll}
              </button>
            </div>
          ) : null}
        </fieldset>
      </div>
      <p id="viewer-help" class="muted">
        {t.plan.viewerHelp}
      </p>
      <p class="selection" aria-live="polite" data-testid="selected-symbol">
        {selected ? (
          <>
            <strong>{t.plan.selected}</strong>{' '}
            {t.plan.selectedDetail(
              labelOf(t.devices, selected.type),
              selected.room ?? t.plan.none,
              selected.circuit ?? t.plan.none,
              `${formatNumber(selected.confidence * 100, lang, 0)} %`,
            )}
          </>
        ) : null}
      </p>
    </div>
  );
}
