import type { OperatorList } from './operator-geometry.ts';

/** A chunk of a page's operator list as pdfjs 5.x streams it from its worker. */
export type OperatorListChunk = OperatorList & { length: number };

/** The page method this module uses (pdfjs's `PDFPageProxy`; the chunk hook is private there). */
type StreamablePage = {
  getOperatorList(params: { annotationMode: number }): Promise<OperatorList>;
};

/**
 * Reads a page's operator list chunk by chunk (pdfjs sends ~1 000 operators at a time), handing
 * each to `onChunk` and keeping none of them: `getOperatorList` alone gathers every chunk into one
 * list first, which on a sheet drawn one stroke per path (1.4 M paths, each with its own
 * coordinate buffer) held ~1 GB until the page was walked.
 *
 * pdfjs has no public streaming form of the operator list, so this replaces, on this page object
 * only, `_renderPageChunk` (pdfjs 5.x, called once per chunk to append it): the chunk goes to
 * `onChunk`, and pdfjs is given an empty chunk with the same end flags so its promise resolves
 * as usual. When the hook is missing (another pdfjs version) the whole list is read and handed
 * over as one chunk: the same result, with the memory of before.
 */
export async function streamOperatorList(
  page: StreamablePage,
  annotationMode: number,
  onChunk: (chunk: OperatorListChunk) => void,
): Promise<void> {
  const hooked = page as unknown as { _renderPageChunk?: unknown };
  const append = hooked._renderPageChunk;
  if (typeof append !== 'function') {
    const whole = await page.getOperatorList({ annotationMode });
    onChunk({ ...whole, length: whole.fnArray.length });
    return;
  }
  hooked._renderPageChunk = function (this: unknown, chunk: OperatorListChunk, ...rest: unknown[]) {
    onChunk(chunk);
    return append.call(this, { ...chunk, fnArray: [], argsArray: [], length: 0 }, ...rest);
  };
  try {
    await page.getOperatorList({ annotationMode });
  } finally {
    // The method lives on pdfjs's prototype; removing the page's own copy restores it.
    delete hooked._renderPageChunk;
  }
}
