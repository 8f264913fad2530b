export { type PreviewOptions, type PreviewSymbol, renderPreview, TYPE_COLOURS } from './render-preview.ts';
