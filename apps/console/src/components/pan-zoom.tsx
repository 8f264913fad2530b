import { useEffect, useRef, useState } from 'preact/hooks';
import { FIT_VIEW, type Size, type View, zoomAt } from '../overlay.ts';
import { useSession } from '../session.ts';

const KEY_PAN_PX = 40;
const KEY_ZOOM = 1.25;

/** What a canvas viewer needs from `usePanZoom`: refs, the view, and the canvas's event handlers. */
export type PanZoom = {
  view: View;
  setView: (view: View) => void;
  /** The canvas's CSS size (its frame's), 0 × 0 until measured. */
  canvasSize: Size;
  frameRef: { current: HTMLDivElement | null };
  canvasRef: { current: HTMLCanvasElement | null };
  zoomBy: (factor: number) => void;
  /** Spread on the canvas: pointer drag pans, a click (no drag) calls `onClick`, keys pan and zoom. */
  canvasHandlers: {
    onKeyDown: (e: KeyboardEvent) => void;
    onPointerDown: (e: PointerEvent) => void;
    onPointerMove: (e: PointerEvent) => void;
    onPointerUp: (e: PointerEvent) => void;
    onPointerCancel: () => void;
  };
};

/**
 * Zoom and pan of a page drawn on a canvas (the plan viewer and the comparison overlay): the
 * frame's size followed with a ResizeObserver, wheel zoom at the pointer (a non-passive listener,
 * so the page does not scroll), drag to pan, arrows pan, `+`/`−` zoom, `0` fits. `extraKeys` adds
 * keys (e.g. Escape clears a selection); `onClick` gets a click that was not a drag.
 */
export function usePanZoom(
  page: Size,
  options: {
    onClick?: (clientX: number, clientY: number) => void;
    extraKeys?: Record<string, () => void>;
  } = {},
): PanZoom {
  const [view, setView] = useState<View>(FIT_VIEW);
  const [canvasSize, setCanvasSize] = useState<Size>({ width: 0, height: 0 });
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const frameRef = useRef<HTMLDivElement>(null);
  const drag = useRef<{ x: number; y: number; view: View; moved: boolean } | null>(null);

  useEffect(() => {
    const frame = frameRef.current;
    if (!frame) return;
    const observer = new ResizeObserver((entries) => {
      const box = entries[0]?.contentRect;
      if (box) setCanvasSize({ width: Math.round(box.width), height: Math.round(box.height) });
    });
    observer.observe(frame);
    return () => observer.disconnect();
  }, []);

  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    const onWheel = (e: WheelEvent) => {
      e.preventDefault();
      const rect = canvas.getBoundingClientRect();
      const factor = Math.exp(-e.deltaY * 0.0015);
      setView((v) => zoomAt(v, factor, e.clientX - rect.left, e.clientY - rect.top, page, canvasSize));
    };
    canvas.addEventListener('wheel', onWheel, { passive: false });
    return () => canvas.removeEventListener('wheel', onWheel);
  }, [page.width, page.height, canvasSize]);

  const zoomBy = (factor: number) =>
    setView((v) => zoomAt(v, factor, canvasSize.width / 2, canvasSize.height / 2, page, canvasSize));

  const onKeyDown = (e: KeyboardEvent) => {
    const pan = (dx: number, dy: number) => setView((v) => ({ ...v, panX: v.panX + dx, panY: v.panY + dy }));
    const actions: Record<string, () => void> = {
      ArrowLeft: () => pan(KEY_PAN_PX, 0),
      ArrowRight: () => pan(-KEY_PAN_PX, 0),
      ArrowUp: () => pan(0, KEY_PAN_PX),
      ArrowDown: () => pan(0, -KEY_PAN_PX),
      '+': () => zoomBy(KEY_ZOOM),
      '=': () => zoomBy(KEY_ZOOM),
      '-': () => zoomBy(1 / KEY_ZOOM),
      '0': () => setView(FIT_VIEW),
      ...options.extraKeys,
    };
    const action = actions[e.key];
    if (action) {
      e.preventDefault();
      action();
    }
  };

  return {
    view,
    setView,
    canvasSize,
    frameRef,
    canvasRef,
    zoomBy,
    canvasHandlers: {
      onKeyDown,
      onPointerDown: (e) => {
        (e.currentTarget as HTMLCanvasElement).setPointerCapture(e.pointerId);
        drag.current = { x: e.clientX, y: e.clientY, view, moved: false };
      },
      onPointerMove: (e) => {
        const d = drag.current;
        if (!d) return;
        const dx = e.clientX - d.x;
        const dy = e.clientY - d.y;
        if (Math.abs(dx) + Math.abs(dy) > 3) d.moved = true;
        if (d.moved) setView({ ...d.view, panX: d.view.panX + dx, panY: d.view.panY + dy });
      },
      onPointerUp: (e) => {
        const d = drag.current;
        drag.current = null;
        if (d && !d.moved) options.onClick?.(e.clientX, e.clientY);
      },
      onPointerCancel: () => {
        drag.current = null;
      },
    },
  };
}

/** Zoom out / level / zoom in / fit buttons of a viewer's toolbar. */
export function ZoomControls({ panZoom }: { panZoom: PanZoom }) {
  const { t } = useSession();
  return (
    <>
      <button type="button" class="button button-secondary" onClick={() => panZoom.zoomBy(1 / KEY_ZOOM)}>
        <span aria-hidden="true">−</span>
        <span class="visually-hidden">{t.plan.zoomOut}</span>
      </button>
      <output class="zoom-level" aria-live="polite">
        {t.plan.zoomLevel(Math.round(panZoom.view.zoom * 100))}
      </output>
      <button type="button" class="button button-secondary" onClick={() => panZoom.zoomBy(KEY_ZOOM)}>
        <span aria-hidden="true">+</span>
        <span class="visually-hidden">{t.plan.zoomIn}</span>
      </button>
      <button type="button" class="button button-secondary" onClick={() => panZoom.setView(FIT_VIEW)}>
        {t.plan.zoomReset}
      </button>
    </>
  );
}
