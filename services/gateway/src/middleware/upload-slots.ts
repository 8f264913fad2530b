import { AppError } from '@saeq/shared/errors';
import { createMiddleware } from 'hono/factory';
import type { GatewayDeps } from '../deps.ts';

/** Uploads in progress per gateway (deps), shared by every upload route. */
const inProgress = new WeakMap<GatewayDeps, { count: number }>();

/**
 * Caps the uploads one gateway process reads at once (`MAX_CONCURRENT_UPLOADS`): multipart and
 * raw PDF bodies stream to disk, but a base64 JSON upload holds up to `MAX_UPLOAD_MB` × 1.37 in
 * memory while it is parsed and decoded, and every upload holds a file descriptor and disk
 * bandwidth, so a burst of large uploads could exhaust the heap or the disk. One over the cap is refused at once with 503 and `Retry-After`, before its
 * body is read; the slot is freed when the request ends, whatever its outcome.
 */
export function uploadSlot(deps: GatewayDeps) {
  let slots = inProgress.get(deps);
  if (!slots) {
    slots = { count: 0 };
    inProgress.set(deps, slots);
  }
  const state = slots;
  return createMiddleware(async (_c, next) => {
    if (state.count >= deps.env.MAX_CONCURRENT_UPLOADS) {
      throw new AppError('dependency_unavailable', {
        headers: { 'Retry-After': '5' },
        detail: {
          fr: 'Trop de téléversements en cours sur ce serveur; réessayez dans quelques secondes.',
          en: 'Too many uploads in progress on this server; retry in a few seconds.',
        },
      });
    }
    state.count++;
    try {
      await next();
    } finally {
      state.count--;
    }
  });
}
