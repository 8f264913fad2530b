import { useEffect, useRef, useState } from 'preact/hooks';
import { followRun, type RunProgress } from '../agent-stream.ts';
import type { ApiError } from '../api.ts';
import { PlanSelect } from '../components/plan-select.tsx';
import { ProblemAlert } from '../components/problem-alert.tsx';
import { StatusBadge } from '../components/stage-progress.tsx';
import { toApiError, useDocumentTitle, useLoad } from '../hooks.ts';
import { labelOf } from '../i18n/index.ts';
import { useSession } from '../session.ts';
import type { Accepted, Agent, PlanPage } from '../types.ts';

type Exchange = { key: number; question: string; progress: RunProgress | null; error: ApiError | null };

/** Pick one of the eleven agents, ask (optionally about a plan), follow the answer and its tool calls. */
export function AgentsPage() {
  const { api, t, lang, announce } = useSession();
  useDocumentTitle(t.agents.title);
  const agents = useLoad<Agent[]>((signal) => api.get<Agent[]>('/v1/agents', signal), [api, lang]);
  const plans = useLoad<PlanPage>((signal) => api.get<PlanPage>('/v1/plans?limit=50', signal), [api]);
  const [agentId, setAgentId] = useState<string | null>(null);
  const [planId, setPlanId] = useState('');
  const [question, setQuestion] = useState('');
  const [questionError, setQuestionError] = useState(false);
  const [exchanges, setExchanges] = useState<Exchange[]>([]);
  const [conversationId, setConversationId] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const counter = useRef(0);
  const abort = useRef<AbortController | null>(null);
  const questionRef = useRef<HTMLTextAreaElement>(null);

  const selected = agentId ?? agents.data?.[0]?.id ?? null;
  useEffect(() => () => abort.current?.abort(), []);

  const reset = () => {
    abort.current?.abort();
    setExchanges([]);
    setConversationId(null);
    setBusy(false);
  };

  const update = (key: number, patch: Partial<Exchange>) =>
    setExchanges((list) => list.map((x) => (x.key === key ? { ...x, ...patch } : x)));

  const ask = async (e: Event) => {
    e.preventDefault();
    const message = question.trim();
    if (!message) {
      setQuestionError(true);
      questionRef.current?.focus();
      return;
    }
    if (!selected) return;
    setQuestionError(false);
    counter.current += 1;
    const key = counter.current;
    setExchanges((list) => [...list, { key, question: message, progress: null, error: null }]);
    setQuestion('');
    setBusy(true);
    const controller = new AbortController();
    abort.current = controller;
    try {
      const body: Record<string, string> = { message };
      if (planId) body.planId = planId;
      if (conversationId) body.conversationId = conversationId;
      const accepted = await api.post<Accepted>(`/v1/agents/${selected}/runs`, body, controller.signal);
      if (!conversationId) setConversationId(accepted.id);
      const final = await followRun(
        api,
        accepted.id,
        (progress) => update(key, { progress }),
        controller.signal,
      );
      announce(final.status === 'completed' ? t.agents.answered : t.agents.failed);
    } catch (err) {
      if (!controller.signal.aborted) update(key, { error: toApiError(err) });
    } finally {
      if (abort.current === controller) setBusy(false);
    }
  };

  return (
    <div class="page">
      <h1 id="page-title" tabIndex={-1}>
        {t.agents.title}
      </h1>
      <p>{t.agents.intro}</p>
      {agents.error ? <ProblemAlert error={agents.error} onRetry={agents.reload} /> : null}
      {agents.loading ? <p>{t.loading}</p> : null}
      <div class="agents-layout">
        {agents.data ? (
          <fieldset class="card agent-list">
            <legend>{t.agents.pick}</legend>
            {agents.data.map((a) => (
              <label
                key={a.id}
                class={a.id === selected ? 'agent-option agent-option-selected' : 'agent-option'}
              >
                <input
                  type="radio"
                  name="agent"
                  value={a.id}
                  checked={a.id === selected}
                  onChange={() => {
                    setAgentId(a.id);
                    reset();
                  }}
                  aria-describedby={`agent-desc-${a.id}`}
                />
                <span>
                  <span class="agent-name">{a.name}</span>
                  <span id={`agent-desc-${a.id}`} class="agent-description">
                    {a.description}
                  </span>
                </span>
              </label>
            ))}
          </fieldset>
        ) : null}

        <div class="agent-chat">
          <form class="card form" onSubmit={ask} noValidate>
            <div class="field">
              <label for="agent-question">{t.agents.question}</label>
              <textarea
                ref={questionRef}
                id="agent-question"
                rows={4}
                value={question}
                placeholder={t.agents.questionPlaceholder}
                onInput={(e) => setQuestion(e.currentTarget.value)}
                aria-invalid={questionError ? 'true' : undefined}
                aria-describedby={questionError ? 'agent-question-error' : undefined}
              />
              {questionError ? (
                <p id="agent-question-error" class="field-error">
                  {t.calc.required}
                </p>
              ) : null}
            </div>
            <PlanSelect id="agent-plan" plans={plans.data} value={planId} onChange={setPlanId} />
            <div class="button-row">
              <button type="submit" class="button" disabled={busy || !selected}>
                {busy ? t.agents.asking : t.agents.ask}
              </button>
              {exchanges.length > 0 ? (
                <button type="button" class="button button-secondary" onClick={reset}>
                  {t.agents.newConversation}
                </button>
              ) : null}
            </div>
            {conversationId ? <p class="hint">{t.agents.conversationNote}</p> : null}
          </form>

          <ol class="exchanges" data-testid="agent-exchanges">
            {exchanges.map((x) => (
              <ExchangeView key={x.key} exchange={x} />
            ))}
          </ol>
        </div>
      </div>
    </div>
  );
}

function ExchangeView({ exchange }: { exchange: Exchange }) {
  const { t } = useSession();
  const run = exchange.progress?.run;
  const running = !exchange.error && run?.status !== 'completed' && run?.status !== 'failed';
  const toolCalls = run?.toolCalls ?? [];
  return (
    <li class="card exchange" data-status={run?.status ?? 'queued'}>
      <p class="question">
        <strong>{t.agents.you}</strong> {exchange.question}
      </p>
      <div class="answer" aria-busy={running ? 'true' : 'false'}>
        <p class="answer-meta">
          <strong>{t.agents.answer}</strong> {run?.status ? <StatusBadge status={run.status} /> : null}
          {run?.mode ? (
            <span class="badge badge-neutral" data-mode={run.mode}>
              {t.agents.modeLabel} {labelOf(t.agents.mode, run.mode)}
            </span>
          ) : null}
        </p>
        {running ? <p class="muted">{t.agents.thinking}</p> : null}
        {run?.answer ? (
          <p class="answer-text" data-testid="agent-answer">
            {run.answer}
          </p>
        ) : null}
        {run?.error ? (
          <p class="alert alert-error">
            {t.agents.failed} {run.error.message}
          </p>
        ) : null}
        {exchange.error ? <ProblemAlert error={exchange.error} /> : null}
        {!running && run ? (
          <p class="muted small">
            {exchange.progress?.via === 'stream' ? t.agents.streamed : t.agents.polled}
            {run.model ? ` · ${t.agents.model} ${run.model}` : ''}
            {run.usage ? ` · ${t.agents.usage(run.usage.inputTokens, run.usage.outputTokens)}` : ''}
          </p>
        ) : null}
        {!running && run ? (
          <details
            class="tool-calls"
            data-testid="tool-calls"
            open={toolCalls.length > 0 && toolCalls.length <= 3}
          >
            <summary>{t.agents.toolCalls(toolCalls.length)}</summary>
            {toolCalls.length === 0 ? <p>{t.agents.noToolCalls}</p> : null}
            <ol>
              {toolCalls.map((c, i) => (
                <li key={`${c.name}-${i}`}>
                  <code class="tool-name">{c.name}</code>
                  <div class="tool-io">
                    <div>
                      <span class="field-label">{t.agents.input}</span>
                      <pre>{JSON.stringify(c.input, null, 2)}</pre>
                    </div>
                    <div>
                      <span class="field-label">{t.agents.output}</span>
                      <pre>{JSON.stringify(c.output, null, 2)}</pre>
                    </div>
                  </div>
                </li>
              ))}
            </ol>
          </details>
        ) : null}
      </div>
    </li>
  );
}
