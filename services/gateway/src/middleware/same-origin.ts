import { AppError } from '@saeq/shared/errors';
import { createMiddleware } from 'hono/factory';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Cross-site request forgery guard for pages a browser authenticates by itself (Bull Board's
 * Basic login is resent on every request, from any site). A state-changing request (not GET,
 * HEAD, OPTIONS) is refused with 403 when the browser says it comes from another site
 * (`Sec-Fetch-Site: cross-site` or `same-site`) or from another origin (`Origin` not this
 * host's, nor `publicUrl`'s). Clients that send neither header (curl, scripts) are not browsers
 * and carry their key on purpose: they pass.
 */
export function requireSameOrigin(publicUrl: string | undefined) {
  const publicOrigin = publicUrl ? new URL(publicUrl).origin : undefined;
  return createMiddleware(async (c, next) => {
    if (SAFE_METHODS.has(c.req.method)) return next();
    const site = c.req.header('sec-fetch-site')?.toLowerCase();
    const origin = c.req.header('origin');
    const ownHost = new URL(c.req.url).host;
    const crossSite = site === 'cross-site' || site === 'same-site';
    const foreignOrigin =
      origin !== undefined && origin !== publicOrigin && (origin === 'null' || hostOf(origin) !== ownHost);
    if (crossSite || foreignOrigin) {
      throw new AppError('forbidden', {
        detail: {
          fr: 'Requête refusée : elle vient d’un autre site.',
          en: 'Request refused: it comes from another site.',
        },
      });
    }
    await next();
  });
}

function hostOf(origin: string): string | null {
  try {
    return new URL(origin).host;
  } catch {
    return null;
  }
}
