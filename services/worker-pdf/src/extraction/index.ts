export {
  type ExtractOptions,
  extractDocument,
  PdfEncryptedError,
  PdfUnreadableError,
} from './extract-document.ts';
export {
  composeMatrix,
  type OperatorList,
  type OpsCodes,
  operatorListToGeometry,
} from './operator-geometry.ts';
export { loadPdfjs, type Pdfjs, safeDocumentParams } from './pdfjs.ts';
