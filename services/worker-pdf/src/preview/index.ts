export { canvasToPng, encodeOpaqueRgbaPng } from './png.ts';
export {
  type PreviewOptions,
  type PreviewPage,
  type PreviewResult,
  type PreviewSymbol,
  renderPreview,
  renderPreviews,
  TYPE_COLOURS,
} from './render-preview.ts';
