export type {
  BBox,
  ExtractedDocument,
  ExtractedPage,
  ImagePrimitive,
  Matrix,
  PathPrimitive,
  PathSegment,
  TextItem,
} from './primitives.ts';
export { groupTextLines, type TextLine, textInReadingOrder, textItemBBox } from './text-lines.ts';
