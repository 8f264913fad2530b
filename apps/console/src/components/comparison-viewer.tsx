import { useEffect, useMemo, useState } from 'preact/hooks';
import {
  CHANGE_KINDS,
  CHANGE_STYLES,
  markAt,
  marksOfPair,
  type OverlayMark,
  revisedToFrame,
  sheetOrder,
  tallyMarks,
} from '../comparison-overlay.ts';
import { formatNumber } from '../format.ts';
import { labelOf } from '../i18n/index.ts';
import { canvasToPage, FIT_VIEW, type Size, transformFor } from '../overlay.ts';
import { usePagePreview } from '../page-preview.ts';
import { useSession } from '../session.ts';
import { toggled } from '../toggle-set.ts';
import type { AnalysisPage, SheetPairing, SymbolChange, SymbolChangeKind } from '../types.ts';
import { beginPageFrame } from './page-canvas.ts';
import { PageSelect } from './page-select.tsx';
import { usePanZoom, ZoomControls } from './pan-zoom.tsx';
import { ProblemAlert } from './problem-alert.tsx';

/** Half size of a change marker, CSS pixels (constant on screen whatever the zoom). */
const MARK_PX = 9;

/** Draws one change marker: its shape in its colour on a white halo, and its sign inside. */
function drawMark(ctx: CanvasRenderingContext2D, kind: SymbolChangeKind, x: number, y: number, px: number) {
  const style = CHANGE_STYLES[kind];
  const r = MARK_PX * px;
  const outline = () => {
    ctx.beginPath();
    if (style.shape === 'circle') ctx.arc(x, y, r, 0, 2 * Math.PI);
    else if (style.shape === 'square') ctx.rect(x - r, y - r, 2 * r, 2 * r);
    else {
      ctx.moveTo(x, y - r * 1.25);
      ctx.lineTo(x + r * 1.25, y);
      ctx.lineTo(x, y + r * 1.25);
      ctx.lineTo(x - r * 1.25, y);
      ctx.closePath();
    }
  };
  outline();
  ctx.fillStyle = 'rgba(255, 255, 255, 0.85)';
  ctx.fill();
  ctx.lineWidth = 5 * px;
  ctx.strokeStyle = '#ffffff';
  ctx.stroke();
  ctx.lineWidth = 2.5 * px;
  ctx.strokeStyle = style.color;
  ctx.stroke();
  if (kind === 'moved') return; // the arrow says it; an arrow sign does not fit the diamond
  ctx.fillStyle = style.color;
  ctx.font = `700 ${12 * px}px system-ui, sans-serif`;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  ctx.fillText(style.sign, x, y + 0.5 * px);
}

/** A dashed arrow from a moved symbol's old position to its new one. */
function drawMove(
  ctx: CanvasRenderingContext2D,
  from: { x: number; y: number },
  to: { x: number; y: number },
  px: number,
) {
  const color = CHANGE_STYLES.moved.color;
  const angle = Math.atan2(to.y - from.y, to.x - from.x);
  const end = {
    x: to.x - Math.cos(angle) * MARK_PX * 1.4 * px,
    y: to.y - Math.sin(angle) * MARK_PX * 1.4 * px,
  };
  ctx.save();
  ctx.strokeStyle = color;
  ctx.lineWidth = 2 * px;
  ctx.setLineDash([5 * px, 3 * px]);
  ctx.beginPath();
  ctx.arc(from.x, from.y, 4 * px, 0, 2 * Math.PI);
  ctx.moveTo(from.x, from.y);
  ctx.lineTo(end.x, end.y);
  ctx.stroke();
  ctx.setLineDash([]);
  ctx.fillStyle = color;
  ctx.beginPath();
  ctx.moveTo(end.x, end.y);
  ctx.lineTo(end.x - Math.cos(angle - 0.45) * 9 * px, end.y - Math.sin(angle - 0.45) * 9 * px);
  ctx.lineTo(end.x - Math.cos(angle + 0.45) * 9 * px, end.y - Math.sin(angle + 0.45) * 9 * px);
  ctx.closePath();
  ctx.fill();
  ctx.restore();
}

/** The shape of a kind of change, for the legend (same shape and colour as on the canvas). */
export function ChangeSwatch({ kind }: { kind: SymbolChangeKind }) {
  const style = CHANGE_STYLES[kind];
  const common = { fill: 'none', stroke: style.color, 'stroke-width': 2 };
  return (
    <svg class="swatch" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
      {style.shape === 'circle' ? <circle cx="8" cy="8" r="6" {...common} /> : null}
      {style.shape === 'square' ? <rect x="2" y="2" width="12" height="12" {...common} /> : null}
      {style.shape === 'diamond' ? <path d="M8 1 L15 8 L8 15 L1 8 Z" {...common} /> : null}
    </svg>
  );
}

/**
 * Both issues' previews overlaid on one canvas: the base page underneath, the revised page on top
 * (registered into the base page's frame with the comparison's `pages[].registration`) at the
 * chosen opacity, and the changes of the sheet drawn over them — added, removed, moved (with an
 * arrow from the old position). Zoom and pan like the plan viewer (buttons, wheel, keyboard).
 * Page sizes come from the two analyses; without a preview (404) the page is drawn blank.
 */
export function ComparisonViewer({
  basePlanId,
  revisedPlanId,
  pairs,
  symbols,
  basePages,
  revisedPages,
}: {
  basePlanId: string;
  revisedPlanId: string;
  pairs: SheetPairing[];
  symbols: SymbolChange[];
  basePages: AnalysisPage[];
  revisedPages: AnalysisPage[];
}) {
  const { api, t, lang } = useSession();
  const order = useMemo(() => sheetOrder(pairs), [pairs]);
  const [pairIndex, setPairIndex] = useState(order[0] ?? 0);
  const pair = pairs[pairIndex];
  const [opacity, setOpacity] = useState(50);
  const [hidden, setHidden] = useState<Set<SymbolChangeKind>>(new Set());

  const basePage = basePages.find((p) => p.number === pair?.basePage) ?? null;
  const revisedPage = revisedPages.find((p) => p.number === pair?.revisedPage) ?? null;
  const basePreview = usePagePreview(api, basePlanId, pair?.basePage ?? null);
  const revisedPreview = usePagePreview(api, revisedPlanId, pair?.revisedPage ?? null);
  const framePage = basePage ?? revisedPage;
  const pageSize: Size = { width: framePage?.widthPt ?? 612, height: framePage?.heightPt ?? 792 };
  const heights = { base: basePage?.heightPt ?? 0, revised: revisedPage?.heightPt ?? 0 };
  const marks: OverlayMark[] = pair ? marksOfPair(symbols, pair, heights) : [];
  const tally = tallyMarks(marks);
  const shown = marks.filter((m) => !hidden.has(m.change));
  const [selected, setSelected] = useState<OverlayMark | null>(null);
  const panZoom = usePanZoom(pageSize, {
    onClick: (clientX, clientY) => {
      const canvas = canvasRef.current;
      if (!canvas) return;
      const rect = canvas.getBoundingClientRect();
      const tf = transformFor(pageSize, canvasSize, view);
      const point = canvasToPage(tf, clientX - rect.left, clientY - rect.top);
      setSelected(markAt(shown, point, (MARK_PX * 1.4) / tf.scale));
    },
    extraKeys: { Escape: () => setSelected(null) },
  });
  const { view, setView, canvasSize, canvasRef, frameRef } = panZoom;
  const sheetName = pair ? t.comparisons.sheetName(pair.sheet, pair.basePage, pair.revisedPage) : '';

  useEffect(() => {
    setView(FIT_VIEW);
    setSelected(null);
  }, [pairIndex]);

  // Draw.
  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas || canvasSize.width === 0 || !pair) return;
    const frame = beginPageFrame(canvas, canvasSize, pageSize, view);
    if (!frame) return;
    const { ctx, tf } = frame;
    ctx.imageSmoothingQuality = 'high';
    if (basePage && basePreview.kind === 'image') {
      ctx.drawImage(basePreview.bitmap, 0, 0, basePage.widthPt, basePage.heightPt);
    }
    if (revisedPage && revisedPreview.kind === 'image') {
      // A sheet only in the revised set is its own frame: shown whole whatever the opacity.
      const m = revisedToFrame(basePage ? pair.registration : null, revisedPage.heightPt, pageSize.height);
      ctx.save();
      ctx.globalAlpha = basePage ? opacity / 100 : 1;
      ctx.transform(m.a, m.b, m.c, m.d, m.e, m.f);
      ctx.drawImage(revisedPreview.bitmap, 0, 0, revisedPage.widthPt, revisedPage.heightPt);
      ctx.restore();
    }
    const px = 1 / tf.scale;
    ctx.lineWidth = px;
    ctx.strokeStyle = '#6b7280';
    ctx.strokeRect(0, 0, pageSize.width, pageSize.height);
    for (const m of shown) if (m.from) drawMove(ctx, m.from, m, px);
    for (const m of shown) drawMark(ctx, m.change, m.x, m.y, px);
    if (selected && !hidden.has(selected.change)) {
      const r = (MARK_PX + 6) * px;
      ctx.lineWidth = 3 * px;
      ctx.strokeStyle = '#000000';
      ctx.strokeRect(selected.x - r, selected.y - r, 2 * r, 2 * r);
      ctx.lineWidth = 1.5 * px;
      ctx.strokeStyle = '#ffd23f';
      ctx.strokeRect(selected.x - r, selected.y - r, 2 * r, 2 * r);
    }
  });

  const toggle = (kind: SymbolChangeKind) => setHidden((h) => toggled(h, kind));

  if (!pair) return null;
  const reg = pair.registration;
  // Rounded first, so that a rotation of −0.0001° reads 0, not −0.
  const num = (v: number, digits: number) =>
    formatNumber(Math.round(v * 10 ** digits) / 10 ** digits + 0, lang, digits);
  const previewError = [basePreview, revisedPreview].find((p) => p.kind === 'error');
  const previewMissing =
    (pair.basePage !== null && basePreview.kind === 'unavailable') ||
    (pair.revisedPage !== null && revisedPreview.kind === 'unavailable');

  return (
    <div class="viewer">
      <div class="viewer-toolbar">
        <PageSelect
          label={t.comparisons.sheet}
          options={order.flatMap((i) => {
            const p = pairs[i];
            if (!p) return [];
            const name = t.comparisons.sheetName(p.sheet, p.basePage, p.revisedPage);
            return [
              {
                value: i,
                label: t.comparisons.sheetOption(name, labelOf(t.comparisons.sheetChange, p.change)),
              },
            ];
          })}
          value={pairIndex}
          onChange={setPairIndex}
          testId="comparison-sheet-select"
          single={
            <>
              {t.comparisons.sheet}{' '}
              {t.comparisons.sheetOption(sheetName, labelOf(t.comparisons.sheetChange, pair.change))}
            </>
          }
        />
        {basePage && revisedPage ? (
          <label class="inline-field">
            <span>{t.comparisons.opacity}</span>
            <input
              type="range"
              min={0}
              max={100}
              step={5}
              value={opacity}
              onInput={(e) => setOpacity(Number(e.currentTarget.value))}
              aria-valuetext={`${opacity} %`}
              data-testid="comparison-opacity"
            />
            <output>{`${opacity} %`}</output>
          </label>
        ) : null}
        <span class="toolbar-spacer" />
        <ZoomControls panZoom={panZoom} />
      </div>
      <p class="muted small" data-testid="comparison-registration">
        {reg && basePage && revisedPage
          ? reg.method === 'page-size'
            ? t.comparisons.registrationBySize
            : t.comparisons.registration(
                num(reg.scale, 4),
                num(reg.rotationDeg, 2),
                num(reg.tx, 1),
                num(reg.ty, 1),
                reg.inliers,
              )
          : t.comparisons.noRegistration}
      </p>
      {previewMissing ? (
        <p class="alert alert-info" data-testid="comparison-preview-unavailable">
          {t.comparisons.previewMissing}
        </p>
      ) : null}
      {previewError?.kind === 'error' ? <ProblemAlert error={previewError.error} /> : null}
      <div class="viewer-body">
        <div class="viewer-frame" ref={frameRef}>
          <canvas
            ref={canvasRef}
            class="viewer-canvas"
            tabIndex={0}
            aria-label={t.comparisons.canvasLabel(sheetName, tally.added, tally.removed, tally.moved)}
            aria-describedby="comparison-help"
            data-testid="comparison-canvas"
            data-base-preview={basePreview.kind}
            data-revised-preview={revisedPreview.kind}
            data-added={tally.added}
            data-removed={tally.removed}
            data-moved={tally.moved}
            {...panZoom.canvasHandlers}
          />
        </div>
        <fieldset class="type-toggles" data-testid="comparison-legend">
          <legend>{t.comparisons.legend}</legend>
          {CHANGE_KINDS.map((kind) => (
            <label key={kind} class="check">
              <input
                type="checkbox"
                checked={!hidden.has(kind)}
                onChange={() => toggle(kind)}
                data-kind={kind}
              />
              <ChangeSwatch kind={kind} />
              <span>
                {CHANGE_STYLES[kind].sign} {t.comparisons.kinds[kind]} ({tally[kind]})
              </span>
            </label>
          ))}
        </fieldset>
      </div>
      <p id="comparison-help" class="muted">
        {t.comparisons.overlayHelp}
      </p>
      <p class="selection" aria-live="polite" data-testid="comparison-selected">
        {selected ? (
          <>
            <strong>{t.plan.selected}</strong>{' '}
            {t.comparisons.selectedDetail(
              `${CHANGE_STYLES[selected.change].sign} ${labelOf(t.comparisons.change, selected.change)}`,
              labelOf(t.devices, selected.type),
              selected.room ?? t.comparisons.noRoom,
            )}
          </>
        ) : null}
      </p>
    </div>
  );
}
