import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { ApiError, createApi } from './api.ts';
import { useDocumentTitle } from './hooks.ts';
import { messagesFor } from './i18n/index.ts';
import { AgentsPage } from './pages/agents.tsx';
import { BomPage } from './pages/bom.tsx';
import { CalculatorsPage } from './pages/calculators.tsx';
import { ComparisonsPage } from './pages/comparisons.tsx';
import { KnowledgePage } from './pages/knowledge.tsx';
import { OrchestrationsPage } from './pages/orchestrations.tsx';
import { PlanPage } from './pages/plan.tsx';
import { PlansPage } from './pages/plans.tsx';
import { type SignInOutcome, SignInPage } from './pages/sign-in.tsx';
import { Link, matchRoute, type Route, usePath } from './router.tsx';
import { keyStore, langStore, type Session, SessionContext, useSession } from './session.ts';
import type { Lang } from './types.ts';

/** The console: sign-in until a key is accepted, then the pages, all through the public API. */
export function App() {
  const [lang, setLang] = useState<Lang>(langStore.read());
  const [key, setKey] = useState<string | null>(keyStore.read());
  const [notice, setNotice] = useState<string | null>(null);
  const [limited, setLimited] = useState(false);
  const [live, setLive] = useState('');
  const keyRef = useRef(key);
  const langRef = useRef(lang);
  keyRef.current = key;
  langRef.current = lang;
  const t = messagesFor(lang);
  const path = usePath();
  const route = matchRoute(path);

  const signOut = useCallback((message: string | null) => {
    keyStore.write(null);
    keyRef.current = null;
    setKey(null);
    setNotice(message);
  }, []);

  const api = useMemo(
    () =>
      createApi({
        key: () => keyRef.current,
        lang: () => langRef.current,
        onUnauthorized: () => signOut(messagesFor(langRef.current).signIn.expired),
      }),
    [signOut],
  );

  const announce = useCallback((message: string) => {
    // Clear first so the same message twice is announced twice.
    setLive('');
    window.setTimeout(() => setLive(message), 50);
  }, []);

  const session: Session = useMemo(() => ({ api, lang, t, announce }), [api, lang, t, announce]);

  useEffect(() => {
    document.documentElement.lang = lang === 'fr' ? 'fr-CA' : 'en-CA';
  }, [lang]);

  // On navigation and after signing in, move focus to the new page's heading (screen readers
  // announce the change; the focused control may be gone).
  const firstRender = useRef(true);
  const signedIn = key !== null;
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    if (signedIn) window.requestAnimationFrame(() => document.getElementById('page-title')?.focus());
  }, [path, signedIn]);

  const validate = async (candidate: string): Promise<SignInOutcome> => {
    const probe = createApi({ key: () => candidate, lang: () => langRef.current });
    let outcome: SignInOutcome = 'ok';
    try {
      await probe.get('/v1/plans?limit=1');
    } catch (err) {
      // 403: a valid key without plans:read (e.g. calc only) — accepted, with a notice.
      if (err instanceof ApiError && err.status === 403) outcome = 'limited';
      else throw err;
    }
    keyStore.write(candidate);
    keyRef.current = candidate;
    setKey(candidate);
    setLimited(outcome === 'limited');
    setNotice(null);
    return outcome;
  };

  const toggleLang = () => {
    const next: Lang = lang === 'fr' ? 'en' : 'fr';
    langStore.write(next);
    setLang(next);
  };

  return (
    <SessionContext.Provider value={session}>
      <a class="skip-link" href="#main">
        {t.skipToContent}
      </a>
      <header class="app-header">
        <div class="brand">
          <span class="brand-mark" aria-hidden="true">
            ⚡
          </span>
          <span class="brand-name">{t.appName}</span>
          <span class="brand-sub">{t.appSubtitle}</span>
        </div>
        {key ? (
          <nav class="main-nav" aria-label={t.mainNav}>
            <NavLink
              href="/"
              current={route.name === 'plans' || route.name === 'plan' || route.name === 'bom'}
            >
              {t.nav.plans}
            </NavLink>
            <NavLink href="/comparisons" current={route.name === 'comparisons'}>
              {t.nav.comparisons}
            </NavLink>
            <NavLink href="/calculations" current={route.name === 'calculations'}>
              {t.nav.calculations}
            </NavLink>
            <NavLink href="/agents" current={route.name === 'agents'}>
              {t.nav.agents}
            </NavLink>
            <NavLink href="/knowledge" current={route.name === 'knowledge'}>
              {t.nav.knowledge}
            </NavLink>
            <NavLink href="/orchestrations" current={route.name === 'orchestrations'}>
              {t.nav.orchestrations}
            </NavLink>
          </nav>
        ) : null}
        <div class="header-actions">
          <button
            type="button"
            class="button button-ghost"
            onClick={toggleLang}
            lang={lang === 'fr' ? 'en' : 'fr'}
            aria-label={t.switchLanguageLabel}
          >
            {t.switchLanguage}
          </button>
          {key ? (
            <button type="button" class="button button-ghost" onClick={() => signOut(t.signIn.signedOut)}>
              {t.signOut}
            </button>
          ) : null}
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        {key && limited ? (
          <p class="alert alert-warning" role="status">
            {t.signIn.limited}
          </p>
        ) : null}
        {key ? <Page route={route} /> : <SignInPage validate={validate} notice={notice} />}
      </main>
      <footer class="app-footer">
        <p>{t.disclaimer}</p>
      </footer>
      <div
        class="visually-hidden"
        role="status"
        aria-live="polite"
        aria-atomic="true"
        data-testid="live-region"
      >
        {live}
      </div>
    </SessionContext.Provider>
  );
}

function NavLink({ href, current, children }: { href: string; current: boolean; children: string }) {
  return (
    <Link href={href} aria-current={current ? 'page' : undefined}>
      {children}
    </Link>
  );
}

function Page({ route }: { route: Route }) {
  switch (route.name) {
    case 'plans':
      return <PlansPage />;
    case 'plan':
      return <PlanPage key={route.planId} planId={route.planId} />;
    case 'bom':
      return <BomPage key={route.planId} planId={route.planId} />;
    case 'calculations':
      return <CalculatorsPage kind={route.kind} />;
    case 'agents':
      return <AgentsPage />;
    case 'knowledge':
      return <KnowledgePage />;
    case 'orchestrations':
      return (
        <OrchestrationsPage key={route.orchestrationId ?? 'new'} orchestrationId={route.orchestrationId} />
      );
    case 'comparisons':
      return <ComparisonsPage key={route.comparisonId ?? 'new'} comparisonId={route.comparisonId} />;
    case 'not-found':
      return <NotFound />;
  }
}

function NotFound() {
  const { t } = useSession();
  useDocumentTitle(t.notFoundTitle);
  return (
    <div class="page">
      <h1 id="page-title" tabIndex={-1}>
        {t.notFoundTitle}
      </h1>
      <p>{t.notFoundBody}</p>
      <Link href="/">{t.backToPlans}</Link>
    </div>
  );
}
