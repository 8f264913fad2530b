import { type Size, type Transform, transformFor, type View } from '../overlay.ts';

/**
 * Readies a viewer's canvas for one frame: sized to its CSS box at the device pixel ratio, the
 * surround painted grey, the page painted white, and the context's transform set so that what
 * follows draws in page points (`view` zoom and pan included). Null when there is no 2D context.
 * The plan viewer and the comparison viewer draw their frames on it.
 */
export function beginPageFrame(
  canvas: HTMLCanvasElement,
  canvasSize: Size,
  pageSize: Size,
  view: View,
): { ctx: CanvasRenderingContext2D; tf: Transform } | null {
  const dpr = window.devicePixelRatio || 1;
  canvas.width = Math.round(canvasSize.width * dpr);
  canvas.height = Math.round(canvasSize.height * dpr);
  const ctx = canvas.getContext('2d');
  if (!ctx) return null;
  const tf = transformFor(pageSize, canvasSize, view);
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.fillStyle = '#e5e7eb';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.setTransform(dpr * tf.scale, 0, 0, dpr * tf.scale, dpr * tf.originX, dpr * tf.originY);
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, pageSize.width, pageSize.height);
  return { ctx, tf };
}
