import type { LoadHook } from 'node:module';
import { isPdfjsWorkerModule, patchPdfjsWorkerSource } from './pdfjs-stream-cap.ts';

/**
 * Module loader hook (`module.register`, thread-bootstrap.mjs): serves pdfjs's parser module with
 * the stream cap of pdfjs-stream-cap.ts. Throws when the edits no longer apply, so the thread
 * fails to start rather than run without the cap.
 */
export const load: LoadHook = async (url, context, nextLoad) => {
  const loaded = await nextLoad(url, context);
  if (!isPdfjsWorkerModule(url) || loaded.source === undefined) return loaded;
  const source =
    typeof loaded.source === 'string'
      ? loaded.source
      : new TextDecoder().decode(loaded.source as ArrayBuffer);
  return { ...loaded, source: patchPdfjsWorkerSource(source) };
};
