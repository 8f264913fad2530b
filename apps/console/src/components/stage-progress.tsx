import { labelOf } from '../i18n/index.ts';
import { useSession } from '../session.ts';
import type { JobStatus, Plan, StageName } from '../types.ts';

const STAGES: StageName[] = ['analysis', 'compliance', 'bom'];

/** A status as text with a shape (not colour alone tells the state). */
export function StatusBadge({ status }: { status: JobStatus }) {
  const { t } = useSession();
  const icon = { queued: '○', processing: '◐', completed: '●', failed: '✕' }[status];
  return (
    <span class={`badge badge-${status}`} data-status={status}>
      <span aria-hidden="true">{icon} </span>
      {labelOf(t.status, status)}
    </span>
  );
}

/** One progress bar per pipeline stage (analysis, compliance, BOM), with its state in words. */
export function StageProgress({ plan, compact = false }: { plan: Plan; compact?: boolean }) {
  const { t } = useSession();
  return (
    <ul class={compact ? 'stages stages-compact' : 'stages'}>
      {STAGES.map((name) => {
        const stage = plan.stages[name];
        const pct = stage.status === 'completed' ? 100 : Math.round(stage.progress);
        const label = t.stageProgress(labelOf(t.stages, name), labelOf(t.status, stage.status), pct);
        return (
          <li key={name} class={`stage stage-${stage.status}`} data-stage={name} data-status={stage.status}>
            <span class="stage-name">{labelOf(t.stages, name)}</span>
            <progress max={100} value={pct} aria-label={label} title={label} />
            {compact ? null : <span class="stage-status">{labelOf(t.status, stage.status)}</span>}
            {stage.error ? <span class="stage-error">{stage.error.message}</span> : null}
          </li>
        );
      })}
    </ul>
  );
}
