import { bboxArea, intersectBBox } from './geometry.ts';
import type { ExtractedPage } from './primitives.ts';

export type PageContent = 'vector' | 'scanned' | 'empty';

/**
 * What a page holds: `scanned` when images cover at least 30 % of it and there are fewer than
 * 10 vector paths (an OCR text layer does not make a scan a drawing, nor do the outlines traced
 * from its image: `traceScan`), `empty` when there is neither text, paths nor images, `vector`
 * otherwise.
 */
export function classifyPage(page: ExtractedPage): PageContent {
  const pageBox: [number, number, number, number] = [0, 0, page.widthPt, page.heightPt];
  const pageArea = page.widthPt * page.heightPt;
  let imageArea = 0;
  for (const img of page.images) {
    const inter = intersectBBox(img.bbox, pageBox);
    if (inter) imageArea += bboxArea(inter);
  }
  const hasText = page.textItems.some((t) => t.str.trim() !== '');
  const drawn = page.paths.filter((p) => p.source !== 'scan').length;
  if (drawn < 10 && pageArea > 0 && imageArea / pageArea >= 0.3) return 'scanned';
  if (!hasText && drawn === 0) return page.images.length > 0 ? 'scanned' : 'empty';
  return 'vector';
}
