import type { ApiError } from '../api.ts';
import { useSession } from '../session.ts';

/**
 * An API failure as the server explained it (problem+json `title`, `detail`, `errors[]`), in an
 * alert region so screen readers hear it.
 */
export function ProblemAlert({ error, onRetry }: { error: ApiError; onRetry?: () => void }) {
  const { t } = useSession();
  const { problem } = error;
  return (
    <div class="alert alert-error" role="alert">
      <p class="alert-title">
        {problem.title}
        {problem.status > 0 ? <span class="muted"> ({problem.status})</span> : null}
      </p>
      {problem.detail ? <p>{problem.detail}</p> : null}
      {problem.errors && problem.errors.length > 0 ? (
        <ul class="field-error-list" aria-label={t.problem.fieldErrors}>
          {problem.errors.map((e) => (
            <li key={`${e.path}:${e.message}`}>
              <code>{e.path}</code> : {e.message}
            </li>
          ))}
        </ul>
      ) : null}
      {onRetry ? (
        <button type="button" class="button button-secondary" onClick={onRetry}>
          {t.retry}
        </button>
      ) : null}
    </div>
  );
}
