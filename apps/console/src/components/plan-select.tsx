import { useSession } from '../session.ts';
import type { Plan, PlanPage } from '../types.ts';

const analysed = (p: Plan) => p.stages.analysis.status === 'completed';

/**
 * A plan picker over the organisation's plans. By default it is the agents' "about which plan?":
 * plans whose analysis is complete (the agents read it), or none. Other pages pass their own
 * `label`, `emptyLabel`, `include` and `describe` (the comparison page offers plans still being
 * analysed, and failed ones, which the server answers with a 409 that says why). Nothing is
 * shown until the plan list is loaded.
 */
export function PlanSelect({
  id,
  plans,
  value,
  onChange,
  label,
  emptyLabel,
  include = analysed,
  describe = (p) => p.name,
  invalid = false,
  describedBy,
}: {
  id: string;
  plans: PlanPage | null | undefined;
  value: string;
  onChange: (planId: string) => void;
  label?: string;
  emptyLabel?: string;
  include?: (plan: Plan) => boolean;
  describe?: (plan: Plan) => string;
  invalid?: boolean;
  describedBy?: string | undefined;
}) {
  const { t } = useSession();
  if (!plans) return null;
  return (
    <div class="field">
      <label for={id}>{label ?? t.agents.plan}</label>
      <select
        id={id}
        value={value}
        onChange={(e) => onChange(e.currentTarget.value)}
        aria-invalid={invalid ? 'true' : undefined}
        aria-describedby={describedBy}
      >
        <option value="">{emptyLabel ?? t.agents.noPlan}</option>
        {plans.items.filter(include).map((p) => (
          <option key={p.id} value={p.id}>
            {describe(p)}
          </option>
        ))}
      </select>
    </div>
  );
}
