import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError } from '../api.ts';
import { ProblemAlert } from '../components/problem-alert.tsx';
import { toApiError, useDocumentTitle } from '../hooks.ts';
import { useSession } from '../session.ts';

export type SignInOutcome = 'ok' | 'limited';

/**
 * Asks for an API key and checks it with `GET /v1/plans?limit=1` before keeping it. The form is
 * handled in script (no GET submission), so the key never lands in a URL or the history.
 */
export function SignInPage({
  validate,
  notice,
}: {
  validate: (key: string) => Promise<SignInOutcome>;
  notice: string | null;
}) {
  const { t } = useSession();
  useDocumentTitle(t.signIn.title);
  const [key, setKey] = useState('');
  const [busy, setBusy] = useState(false);
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => input.current?.focus(), []);

  const submit = async (e: Event) => {
    e.preventDefault();
    setError(null);
    const trimmed = key.trim();
    if (!trimmed) {
      setFieldError(t.signIn.empty);
      input.current?.focus();
      return;
    }
    setBusy(true);
    setFieldError(null);
    try {
      await validate(trimmed);
    } catch (err) {
      const apiError = toApiError(err);
      if (apiError.status === 401) setFieldError(t.signIn.invalid);
      else setError(apiError);
      input.current?.focus();
    } finally {
      setBusy(false);
    }
  };

  return (
    <div class="sign-in">
      <h1 id="page-title" tabIndex={-1}>
        {t.signIn.title}
      </h1>
      {notice ? (
        <p class="alert alert-info" role="status">
          {notice}
        </p>
      ) : null}
      <p>{t.signIn.intro}</p>
      <form class="card form" method="post" action="#" onSubmit={submit} noValidate>
        <div class="field">
          <label for="api-key">{t.signIn.keyLabel}</label>
          <input
            ref={input}
            id="api-key"
            name="api-key"
            type="password"
            autoComplete="off"
            spellcheck={false}
            value={key}
            onInput={(e) => setKey(e.currentTarget.value)}
            aria-invalid={fieldError ? 'true' : undefined}
            aria-describedby={fieldError ? 'api-key-hint api-key-error' : 'api-key-hint'}
            required
          />
          <p id="api-key-hint" class="hint">
            {t.signIn.keyHint}
          </p>
          {fieldError ? (
            <p id="api-key-error" class="field-error" role="alert">
              {fieldError}
            </p>
          ) : null}
        </div>
        <button type="submit" class="button" disabled={busy}>
          {busy ? t.signIn.checking : t.signIn.submit}
        </button>
        {error && !(error instanceof ApiError && error.status === 401) ? (
          <ProblemAlert error={error} />
        ) : null}
      </form>
    </div>
  );
}
