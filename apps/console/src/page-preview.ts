import { useEffect, useState } from 'preact/hooks';
import { type Api, ApiError } from './api.ts';
import { toApiError } from './hooks.ts';

/** A page's preview PNG as the viewers draw it: decoded, absent (404), or failed. */
export type Preview =
  | { kind: 'loading' }
  | { kind: 'image'; bitmap: ImageBitmap }
  | { kind: 'unavailable' }
  | { kind: 'error'; error: ApiError };

/**
 * Fetches `GET /v1/plans/{id}/pages/{n}/preview.png` with the key and decodes it with
 * createImageBitmap (which keeps it within the CSP: no blob: or data: image sources). A 404 means
 * the server has no preview for the page (yet). `pageNumber` null = nothing to fetch. The bitmap
 * is closed when the page changes or the viewer goes away.
 */
export function usePagePreview(api: Api, planId: string, pageNumber: number | null): Preview {
  const [preview, setPreview] = useState<Preview>({ kind: 'loading' });
  useEffect(() => {
    if (pageNumber === null) {
      setPreview({ kind: 'unavailable' });
      return;
    }
    const controller = new AbortController();
    let bitmap: ImageBitmap | null = null;
    setPreview({ kind: 'loading' });
    api
      .blob(`/v1/plans/${planId}/pages/${pageNumber}/preview.png`, controller.signal)
      .then(async ({ blob }) => {
        bitmap = await createImageBitmap(blob);
        if (controller.signal.aborted) bitmap.close();
        else setPreview({ kind: 'image', bitmap });
      })
      .catch((err: unknown) => {
        if (controller.signal.aborted) return;
        if (err instanceof ApiError && err.status === 404) setPreview({ kind: 'unavailable' });
        else setPreview({ kind: 'error', error: toApiError(err) });
      });
    return () => {
      controller.abort();
      bitmap?.close();
    };
  }, [api, planId, pageNumber]);
  return preview;
}
