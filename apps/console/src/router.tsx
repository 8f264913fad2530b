import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';

/**
 * The console's pages, as history-API paths (the gateway answers index.html for them). API paths
 * live under /v1, so a console path never collides with one.
 */
export type Route =
  | { name: 'plans' }
  | { name: 'plan'; planId: string }
  | { name: 'bom'; planId: string }
  | { name: 'calculations'; kind: string | null }
  | { name: 'agents' }
  | { name: 'knowledge' }
  | { name: 'orchestrations'; orchestrationId: string | null }
  | { name: 'comparisons'; comparisonId: string | null }
  | { name: 'not-found' };

const UUID = '([0-9a-fA-F-]{36})';

/** Maps a path to a route (pure). */
export function matchRoute(pathname: string): Route {
  const path = pathname.replace(/\/+$/, '') || '/';
  if (path === '/' || path === '/plans') return { name: 'plans' };
  let m = new RegExp(`^/plans/${UUID}$`).exec(path);
  if (m?.[1]) return { name: 'plan', planId: m[1] };
  m = new RegExp(`^/plans/${UUID}/bom$`).exec(path);
  if (m?.[1]) return { name: 'bom', planId: m[1] };
  if (path === '/calculations') return { name: 'calculations', kind: null };
  m = /^\/calculations\/([a-z-]+)$/.exec(path);
  if (m?.[1]) return { name: 'calculations', kind: m[1] };
  if (path === '/agents') return { name: 'agents' };
  if (path === '/knowledge') return { name: 'knowledge' };
  if (path === '/orchestrations') return { name: 'orchestrations', orchestrationId: null };
  m = new RegExp(`^/orchestrations/${UUID}$`).exec(path);
  if (m?.[1]) return { name: 'orchestrations', orchestrationId: m[1] };
  if (path === '/comparisons') return { name: 'comparisons', comparisonId: null };
  m = new RegExp(`^/comparisons/${UUID}$`).exec(path);
  if (m?.[1]) return { name: 'comparisons', comparisonId: m[1] };
  return { name: 'not-found' };
}

const listeners = new Set<() => void>();

/** Goes to a console path (pushState) and tells the app. */
export function navigate(path: string, replace = false): void {
  if (replace) history.replaceState(null, '', path);
  else history.pushState(null, '', path);
  for (const l of listeners) l();
}

/** The current path, updated on navigate() and on back/forward. */
export function usePath(): string {
  const [path, setPath] = useState(location.pathname);
  useEffect(() => {
    const update = () => setPath(location.pathname);
    listeners.add(update);
    window.addEventListener('popstate', update);
    return () => {
      listeners.delete(update);
      window.removeEventListener('popstate', update);
    };
  }, []);
  return path;
}

type LinkProps = {
  href: string;
  children: ComponentChildren;
  class?: string;
  'aria-label'?: string;
  'aria-current'?: 'page' | undefined;
};

/** A real link (opens in a new tab with the modifier keys), routed in place on a plain click. */
export function Link({ href, children, ...rest }: LinkProps) {
  const onClick = (e: MouseEvent) => {
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    navigate(href);
  };
  return (
    <a href={href} onClick={onClick} {...rest}>
      {children}
    </a>
  );
}
