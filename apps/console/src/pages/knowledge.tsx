import { useRef, useState } from 'preact/hooks';
import type { ApiError } from '../api.ts';
import { ProblemAlert } from '../components/problem-alert.tsx';
import { toApiError, useDocumentTitle } from '../hooks.ts';
import { useSession } from '../session.ts';

type KnowledgeHit = {
  id: string;
  source: string;
  reference: string;
  edition: string | null;
  title: string;
  summary: string;
  score: number;
  url: string | null;
};

const SOURCES = ['ceq', 'rsst', 'rbq', 'csa', 'hydro-quebec'] as const;
const EDITIONS = ['2026', '2018'] as const;

/**
 * Search of the norms knowledge base (`GET /v1/knowledge/search`), in the console's language.
 * Empty or invalid input is refused by the API itself and shown as its problem.
 */
export function KnowledgePage() {
  const { api, t, announce } = useSession();
  useDocumentTitle(t.knowledge.title);
  const [q, setQ] = useState('');
  const [source, setSource] = useState('');
  const [edition, setEdition] = useState('');
  const [results, setResults] = useState<KnowledgeHit[] | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const abort = useRef<AbortController | null>(null);

  const search = async (e: Event) => {
    e.preventDefault();
    abort.current?.abort();
    const controller = new AbortController();
    abort.current = controller;
    const params = new URLSearchParams({ q, limit: '20' });
    if (source) params.set('source', source);
    if (edition) params.set('edition', edition);
    setBusy(true);
    setError(null);
    try {
      const body = await api.get<{ results: KnowledgeHit[] }>(
        `/v1/knowledge/search?${params.toString()}`,
        controller.signal,
      );
      setResults(body.results);
      announce(t.knowledge.results(body.results.length));
    } catch (err) {
      if (!controller.signal.aborted) {
        setResults(null);
        setError(toApiError(err));
      }
    } finally {
      if (abort.current === controller) setBusy(false);
    }
  };

  return (
    <div class="page">
      <h1 id="page-title" tabIndex={-1}>
        {t.knowledge.title}
      </h1>
      <p>{t.knowledge.intro}</p>
      <form class="card form" onSubmit={search} noValidate>
        <div class="field">
          <label for="knowledge-q">{t.knowledge.query}</label>
          <input
            id="knowledge-q"
            type="search"
            value={q}
            placeholder={t.knowledge.queryPlaceholder}
            onInput={(e) => setQ(e.currentTarget.value)}
          />
        </div>
        <div class="field">
          <label for="knowledge-source">{t.knowledge.source}</label>
          <select id="knowledge-source" value={source} onChange={(e) => setSource(e.currentTarget.value)}>
            <option value="">{t.knowledge.allSources}</option>
            {SOURCES.map((s) => (
              <option key={s} value={s}>
                {t.knowledge.sources[s]}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="knowledge-edition">{t.knowledge.edition}</label>
          <select id="knowledge-edition" value={edition} onChange={(e) => setEdition(e.currentTarget.value)}>
            <option value="">{t.knowledge.allEditions}</option>
            {EDITIONS.map((ed) => (
              <option key={ed} value={ed}>
                {ed}
              </option>
            ))}
          </select>
        </div>
        <div class="button-row">
          <button type="submit" class="button" disabled={busy}>
            {busy ? t.knowledge.searching : t.knowledge.search}
          </button>
        </div>
      </form>
      {error ? <ProblemAlert error={error} /> : null}
      {results ? (
        <section aria-live="polite">
          <p class="muted">{t.knowledge.results(results.length)}</p>
          <ol class="knowledge-results" data-testid="knowledge-results">
            {results.map((hit) => (
              <li key={hit.id} class="card" data-entry-id={hit.id}>
                <h2 class="knowledge-title">{hit.title}</h2>
                <p class="muted small">
                  {t.knowledge.reference} <strong>{hit.reference}</strong> ·{' '}
                  {t.knowledge.sources[hit.source] ?? hit.source}
                  {hit.edition ? ` · ${hit.edition}` : ''} · {t.knowledge.score} {hit.score.toFixed(2)}
                </p>
                <p>{hit.summary}</p>
                {hit.url ? (
                  <p>
                    <a href={hit.url} target="_blank" rel="noopener noreferrer">
                      {t.knowledge.officialPage}
                    </a>
                  </p>
                ) : null}
              </li>
            ))}
          </ol>
        </section>
      ) : null}
    </div>
  );
}
