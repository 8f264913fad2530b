import { useSession } from '../session.ts';
import type { PlanPage } from '../types.ts';

/**
 * "About which plan?" for a question to agents: the organisation's plans whose analysis is
 * complete (the agents read it), or none. Nothing is shown until the plan list is loaded.
 */
export function PlanSelect({
  id,
  plans,
  value,
  onChange,
}: {
  id: string;
  plans: PlanPage | null | undefined;
  value: string;
  onChange: (planId: string) => void;
}) {
  const { t } = useSession();
  if (!plans) return null;
  const completed = plans.items.filter((p) => p.stages.analysis.status === 'completed');
  return (
    <div class="field">
      <label for={id}>{t.agents.plan}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.currentTarget.value)}>
        <option value="">{t.agents.noPlan}</option>
        {completed.map((p) => (
          <option key={p.id} value={p.id}>
            {p.name}
          </option>
        ))}
      </select>
    </div>
  );
}
