import { useRef, useState } from 'preact/hooks';
import type { ApiError } from '../api.ts';
import { PlanSelect } from '../components/plan-select.tsx';
import { ProblemAlert } from '../components/problem-alert.tsx';
import { StatusBadge } from '../components/stage-progress.tsx';
import { toApiError, useDocumentTitle, useLoad, usePolling } from '../hooks.ts';
import { Link, navigate } from '../router.tsx';
import { useSession } from '../session.ts';
import type { Accepted, Agent, AgentRun, Orchestration, OrchestrationList, PlanPage } from '../types.ts';

/**
 * Several agents, one question (issue 19): choose the agents and the order, ask, then follow
 * each agent's run and the project manager's synthesis (polling GET /v1/agent-orchestrations/{id}
 * until it settles). The same page lists the latest orchestrations.
 */
export function OrchestrationsPage({ orchestrationId }: { orchestrationId: string | null }) {
  const { t } = useSession();
  useDocumentTitle(t.orchestrations.title);
  return (
    <div class="page">
      <h1 id="page-title" tabIndex={-1}>
        {t.orchestrations.title}
      </h1>
      <p>{t.orchestrations.intro}</p>
      {orchestrationId ? (
        <>
          <p>
            <Link href="/orchestrations">{t.orchestrations.newOne}</Link>
          </p>
          <OrchestrationView id={orchestrationId} />
        </>
      ) : (
        <>
          <OrchestrationForm />
          <RecentOrchestrations />
        </>
      )}
    </div>
  );
}

function OrchestrationForm() {
  const { api, t, lang } = useSession();
  const agents = useLoad<Agent[]>((signal) => api.get<Agent[]>('/v1/agents', signal), [api, lang]);
  const plans = useLoad<PlanPage>((signal) => api.get<PlanPage>('/v1/plans?limit=50', signal), [api]);
  const [chosen, setChosen] = useState<string[]>([]);
  const [mode, setMode] = useState<'parallel' | 'sequential'>('parallel');
  const [planId, setPlanId] = useState('');
  const [question, setQuestion] = useState('');
  const [invalid, setInvalid] = useState<'question' | 'agents' | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const questionRef = useRef<HTMLTextAreaElement>(null);

  const toggle = (id: string) =>
    setChosen((list) => (list.includes(id) ? list.filter((x) => x !== id) : [...list, id]));

  const ask = async (e: Event) => {
    e.preventDefault();
    const message = question.trim();
    if (!message) {
      setInvalid('question');
      questionRef.current?.focus();
      return;
    }
    if (chosen.length === 0) {
      setInvalid('agents');
      return;
    }
    setInvalid(null);
    setError(null);
    setBusy(true);
    try {
      const body: Record<string, unknown> = { message, agents: chosen, mode };
      if (planId) body.planId = planId;
      const accepted = await api.post<Accepted>('/v1/agents/orchestrations', body);
      navigate(`/orchestrations/${accepted.id}`);
    } catch (err) {
      setError(toApiError(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="card form" onSubmit={ask} noValidate data-testid="orchestration-form">
      {agents.error ? <ProblemAlert error={agents.error} onRetry={agents.reload} /> : null}
      {agents.data ? (
        <fieldset
          class="agent-list"
          aria-describedby={invalid === 'agents' ? 'orch-agents-error' : undefined}
        >
          <legend>{t.orchestrations.pickAgents}</legend>
          {agents.data.map((a) => (
            <label
              key={a.id}
              class={chosen.includes(a.id) ? 'agent-option agent-option-selected' : 'agent-option'}
            >
              <input
                type="checkbox"
                name="agents"
                value={a.id}
                checked={chosen.includes(a.id)}
                onChange={() => toggle(a.id)}
              />
              <span>
                <span class="agent-name">{a.name}</span>
                <span class="agent-description">{a.description}</span>
              </span>
            </label>
          ))}
          {invalid === 'agents' ? (
            <p id="orch-agents-error" class="field-error">
              {t.orchestrations.noAgent}
            </p>
          ) : null}
        </fieldset>
      ) : (
        <p>{t.loading}</p>
      )}
      <fieldset>
        <legend>{t.orchestrations.mode}</legend>
        {(['parallel', 'sequential'] as const).map((m) => (
          <label key={m} class="radio">
            <input type="radio" name="mode" value={m} checked={mode === m} onChange={() => setMode(m)} />{' '}
            {t.orchestrations[m]}
          </label>
        ))}
      </fieldset>
      <div class="field">
        <label for="orch-question">{t.agents.question}</label>
        <textarea
          ref={questionRef}
          id="orch-question"
          rows={4}
          value={question}
          placeholder={t.agents.questionPlaceholder}
          onInput={(e) => setQuestion(e.currentTarget.value)}
          aria-invalid={invalid === 'question' ? 'true' : undefined}
          aria-describedby={invalid === 'question' ? 'orch-question-error' : undefined}
        />
        {invalid === 'question' ? (
          <p id="orch-question-error" class="field-error">
            {t.calc.required}
          </p>
        ) : null}
      </div>
      <PlanSelect id="orch-plan" plans={plans.data} value={planId} onChange={setPlanId} />
      {error ? <ProblemAlert error={error} /> : null}
      <div class="button-row">
        <button type="submit" class="button" disabled={busy}>
          {busy ? t.orchestrations.asking : t.orchestrations.ask}
        </button>
      </div>
    </form>
  );
}

function RecentOrchestrations() {
  const { api, t } = useSession();
  const list = useLoad<OrchestrationList>(
    (signal) => api.get<OrchestrationList>('/v1/agent-orchestrations', signal),
    [api],
  );
  if (list.error) return <ProblemAlert error={list.error} onRetry={list.reload} />;
  if (!list.data) return null;
  return (
    <section class="card">
      <h2>{t.orchestrations.recent}</h2>
      {list.data.items.length === 0 ? <p class="muted">{t.orchestrations.none}</p> : null}
      <ul>
        {list.data.items.map((o) => (
          <li key={o.id}>
            <Link href={`/orchestrations/${o.id}`}>{o.message.slice(0, 120)}</Link>{' '}
            <StatusBadge status={o.status} />{' '}
            <span class="muted small">
              {o.agents.length} · {t.orchestrations[o.mode === 'sequential' ? 'sequential' : 'parallel']}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}

function OrchestrationView({ id }: { id: string }) {
  const { api, t } = useSession();
  const [data, setData] = useState<Orchestration | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const settled = data?.status === 'completed' || data?.status === 'failed';
  usePolling(
    async () => {
      try {
        setData(await api.get<Orchestration>(`/v1/agent-orchestrations/${id}`));
        setError(null);
      } catch (err) {
        setError(toApiError(err));
      }
    },
    1000,
    !settled && !(error && error.status === 404),
  );
  if (error && !data) return <ProblemAlert error={error} />;
  if (!data) return <p>{t.loading}</p>;
  return (
    <div data-testid="orchestration" data-status={data.status}>
      <section class="card">
        <p class="question">
          <strong>{t.agents.you}</strong> {data.message}
        </p>
        <p>
          <StatusBadge status={data.status} />{' '}
          <span class="muted">
            {t.orchestrations[data.mode]} ·{' '}
            {t.orchestrations.counts(data.counts.completed, data.counts.failed, data.counts.pending)}
          </span>
        </p>
        <p class="muted small">
          {t.orchestrations.usage(data.usage.inputTokens, data.usage.outputTokens, data.usage.costUsd)}
        </p>
      </section>
      <section class="card" data-testid="orchestration-synthesis">
        <h2>{t.orchestrations.synthesis}</h2>
        {data.synthesis?.answer ? (
          <p class="answer-text">{data.synthesis.answer}</p>
        ) : data.synthesis?.error ? (
          <p class="alert alert-error">{data.synthesis.error.message}</p>
        ) : (
          <p class="muted">{t.orchestrations.waiting}</p>
        )}
      </section>
      <h2>{t.orchestrations.children}</h2>
      <ol class="exchanges">
        {data.children.map((child) => (
          <ChildView key={child.id} name={child.agentName} run={child} />
        ))}
      </ol>
    </div>
  );
}

function ChildView({ name, run }: { name: string; run: AgentRun }) {
  const { t } = useSession();
  return (
    <li class="card exchange" data-status={run.status} data-testid="orchestration-child">
      <p class="answer-meta">
        <strong>{name}</strong> <StatusBadge status={run.status} />
      </p>
      {run.answer ? <p class="answer-text">{run.answer}</p> : null}
      {run.status === 'failed' && run.error ? (
        <p class="alert alert-error">
          {t.orchestrations.failedChild} {run.error.message}
        </p>
      ) : null}
      {run.status === 'queued' || run.status === 'processing' ? (
        <p class="muted">{t.agents.thinking}</p>
      ) : null}
      <p class="muted small">
        {t.agents.toolCalls(run.toolCalls.length)} ·{' '}
        {t.agents.usage(run.usage.inputTokens, run.usage.outputTokens)}
      </p>
    </li>
  );
}
