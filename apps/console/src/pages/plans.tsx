import { useRef, useState } from 'preact/hooks';
import type { ApiError } from '../api.ts';
import { DropZone } from '../components/drop-zone.tsx';
import { ProblemAlert } from '../components/problem-alert.tsx';
import { StageProgress, StatusBadge } from '../components/stage-progress.tsx';
import { formatBytes, formatDateTime } from '../format.ts';
import { toApiError, useDocumentTitle, usePolling } from '../hooks.ts';
import { Link } from '../router.tsx';
import { useSession } from '../session.ts';
import type { Accepted, JobStatus, Plan, PlanPage } from '../types.ts';

type Upload = {
  key: number;
  name: string;
  size: number;
  loaded: number;
  state: 'uploading' | 'done' | 'error';
  error?: ApiError;
  planId?: string;
};

const BUSY_POLL_MS = 2000;
const IDLE_POLL_MS = 30_000;
const PAGE_SIZE = 20;

const isTerminal = (s: JobStatus) => s === 'completed' || s === 'failed';

export function isPdfFile(file: File): boolean {
  return file.type === 'application/pdf' || /\.pdf$/i.test(file.name);
}

/** Upload plans (drag and drop, several at once, with progress) and follow their processing. */
export function PlansPage() {
  const { api, t, lang, announce } = useSession();
  useDocumentTitle(t.plans.title);
  const [uploads, setUploads] = useState<Upload[]>([]);
  const [plans, setPlans] = useState<Plan[] | null>(null);
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [listError, setListError] = useState<ApiError | null>(null);
  const [skipped, setSkipped] = useState<string[]>([]);
  const uploadKey = useRef(0);
  const lastStatus = useRef(new Map<string, JobStatus>());

  const noteTransitions = (items: Plan[]) => {
    for (const p of items) {
      const before = lastStatus.current.get(p.id);
      if (before && !isTerminal(before) && isTerminal(p.status)) {
        announce(p.status === 'completed' ? t.plans.completedLive(p.name) : t.plans.failedLive(p.name));
      }
      lastStatus.current.set(p.id, p.status);
    }
  };

  const refresh = async () => {
    const limit = Math.min(100, Math.max(PAGE_SIZE, plans?.length ?? 0));
    try {
      const page = await api.get<PlanPage>(`/v1/plans?limit=${limit}`);
      noteTransitions(page.items);
      setPlans((current) => {
        // Keep the pages loaded with "more" below the refreshed first page.
        const fresh = new Set(page.items.map((p) => p.id));
        const older = (current ?? []).slice(page.items.length).filter((p) => !fresh.has(p.id));
        return [...page.items, ...older];
      });
      if ((plans?.length ?? 0) <= limit) setNextCursor(page.nextCursor);
      setListError(null);
    } catch (err) {
      setListError(toApiError(err));
    }
  };

  const busy =
    uploads.some((u) => u.state === 'uploading') || (plans ?? []).some((p) => !isTerminal(p.status));
  usePolling(refresh, busy ? BUSY_POLL_MS : IDLE_POLL_MS, true);

  const loadMore = async () => {
    if (!nextCursor) return;
    try {
      const page = await api.get<PlanPage>(
        `/v1/plans?limit=${PAGE_SIZE}&cursor=${encodeURIComponent(nextCursor)}`,
      );
      noteTransitions(page.items);
      setPlans((current) => [...(current ?? []), ...page.items]);
      setNextCursor(page.nextCursor);
    } catch (err) {
      setListError(toApiError(err));
    }
  };

  const update = (key: number, patch: Partial<Upload>) =>
    setUploads((list) => list.map((u) => (u.key === key ? { ...u, ...patch } : u)));

  const startUploads = (files: File[]) => {
    const pdfs = files.filter(isPdfFile);
    setSkipped(files.filter((f) => !isPdfFile(f)).map((f) => f.name));
    for (const file of pdfs) {
      uploadKey.current += 1;
      const key = uploadKey.current;
      setUploads((list) => [
        { key, name: file.name, size: file.size, loaded: 0, state: 'uploading' },
        ...list,
      ]);
      const form = new FormData();
      form.append('file', file, file.name);
      form.append('name', file.name.replace(/\.pdf$/i, ''));
      const { done } = api.upload<Accepted>('/v1/plans', form, (p) => update(key, { loaded: p.loaded }));
      done.then(
        (accepted) => {
          update(key, { state: 'done', loaded: file.size, planId: accepted.id });
          void refresh();
        },
        (err: unknown) => update(key, { state: 'error', error: toApiError(err) }),
      );
    }
  };

  const remove = async (plan: Plan) => {
    if (!window.confirm(t.plans.confirmDelete(plan.name))) return;
    try {
      await api.del(`/v1/plans/${plan.id}`);
      setPlans((list) => (list ?? []).filter((p) => p.id !== plan.id));
      announce(t.plans.deleted(plan.name));
    } catch (err) {
      setListError(toApiError(err));
    }
  };

  return (
    <div class="page">
      <h1 id="page-title" tabIndex={-1}>
        {t.plans.title}
      </h1>

      <section class="card" aria-labelledby="upload-title">
        <h2 id="upload-title">{t.plans.uploadTitle}</h2>
        <DropZone onFiles={startUploads} />
        {skipped.length > 0 ? (
          <ul class="alert alert-warning" role="alert">
            {skipped.map((name) => (
              <li key={name}>{t.plans.notPdf(name)}</li>
            ))}
          </ul>
        ) : null}
        {uploads.length > 0 ? (
          <ul class="uploads" aria-label={t.plans.uploadsLabel}>
            {uploads.map((u) => {
              const pct = u.size > 0 ? Math.min(100, Math.round((u.loaded / u.size) * 100)) : 100;
              return (
                <li key={u.key} class={`upload upload-${u.state}`} data-state={u.state}>
                  <span class="upload-name">{u.name}</span>
                  <span class="muted">{formatBytes(u.size, lang)}</span>
                  <progress max={100} value={pct} aria-label={t.plans.uploadProgressLabel(u.name)} />
                  <span class="upload-state" aria-live="polite">
                    {u.state === 'uploading' ? t.plans.uploading(pct) : null}
                    {u.state === 'done' && u.planId ? (
                      <Link href={`/plans/${u.planId}`}>{t.plans.uploaded}</Link>
                    ) : null}
                    {u.state === 'error' ? t.plans.uploadFailed : null}
                  </span>
                  {u.error ? <ProblemAlert error={u.error} /> : null}
                </li>
              );
            })}
          </ul>
        ) : null}
      </section>

      <section class="card" aria-labelledby="list-title">
        <h2 id="list-title">{t.plans.listTitle}</h2>
        <p class="muted">{t.plans.autoRefresh}</p>
        {listError ? <ProblemAlert error={listError} onRetry={() => void refresh()} /> : null}
        {plans === null && !listError ? <p>{t.loading}</p> : null}
        {plans !== null && plans.length === 0 ? <p>{t.plans.empty}</p> : null}
        {plans !== null && plans.length > 0 ? (
          <div class="table-scroll">
            <table class="table plans-table" data-testid="plans-table">
              <thead>
                <tr>
                  <th scope="col">{t.plans.columns.name}</th>
                  <th scope="col">{t.plans.columns.status}</th>
                  <th scope="col">{t.plans.columns.stages}</th>
                  <th scope="col" class="num">
                    {t.plans.columns.pages}
                  </th>
                  <th scope="col" class="num">
                    {t.plans.columns.size}
                  </th>
                  <th scope="col">{t.plans.columns.created}</th>
                  <th scope="col">{t.plans.columns.actions}</th>
                </tr>
              </thead>
              <tbody>
                {plans.map((p) => (
                  <tr key={p.id} data-plan-id={p.id} data-status={p.status}>
                    <th scope="row">
                      <Link href={`/plans/${p.id}`} aria-label={t.plans.openPlan(p.name)}>
                        {p.name}
                      </Link>
                      <div class="muted small">{p.filename}</div>
                    </th>
                    <td>
                      <StatusBadge status={p.status} />
                    </td>
                    <td>
                      <StageProgress plan={p} compact />
                    </td>
                    <td class="num">{p.pages ?? '—'}</td>
                    <td class="num">{formatBytes(p.sizeBytes, lang)}</td>
                    <td>{formatDateTime(p.createdAt, lang)}</td>
                    <td>
                      <div class="button-row">
                        <Link
                          class="button button-secondary"
                          href={`/plans/${p.id}/bom`}
                          aria-label={t.plans.bomOf(p.name)}
                        >
                          {t.plans.bom}
                        </Link>
                        <button
                          type="button"
                          class="button button-danger"
                          onClick={() => void remove(p)}
                          aria-label={t.plans.deleteOf(p.name)}
                        >
                          {t.plans.delete}
                        </button>
                      </div>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
        {nextCursor ? (
          <button type="button" class="button button-secondary" onClick={() => void loadMore()}>
            {t.plans.more}
          </button>
        ) : null}
      </section>
    </div>
  );
}
