import { type AgentDefinition, AgentId } from './agent-definition.ts';
import { electricalCalculator } from './electrical-calculator.ts';
import { electricalComplianceChecker } from './electrical-compliance-checker.ts';
import { electricalDashboardCreator } from './electrical-dashboard-creator.ts';
import { electricalDiagnostician } from './electrical-diagnostician.ts';
import { electricalDirectiveTracker } from './electrical-directive-tracker.ts';
import { electricalMaterialTracker } from './electrical-material-tracker.ts';
import { electricalProjectManager } from './electrical-project-manager.ts';
import { electricalSafetySpecialist } from './electrical-safety-specialist.ts';
import { electricalSitePlanner } from './electrical-site-planner.ts';
import { electricalSupplyManager } from './electrical-supply-manager.ts';
import { electricalTrainingCoordinator } from './electrical-training-coordinator.ts';

export {
  AgentDefinition,
  AgentId,
  calculationTools,
  LocalizedText,
  ToolName,
} from './agent-definition.ts';
export {
  MAX_ORCHESTRATION_AGENTS,
  type MemberOutcome,
  offlineSynthesis,
  SYNTHESIS_AGENT_ID,
  sequentialMemberMessage,
  synthesisMessage,
} from './orchestration.ts';
export { buildSystemPrompt, commonRules, type SystemPromptParts } from './system-prompt.ts';

// `satisfies Record<AgentId, …>` makes the compiler refuse a missing or extra agent.
const agentsById = {
  'electrical-safety-specialist': electricalSafetySpecialist,
  'electrical-calculator': electricalCalculator,
  'electrical-compliance-checker': electricalComplianceChecker,
  'electrical-project-manager': electricalProjectManager,
  'electrical-diagnostician': electricalDiagnostician,
  'electrical-supply-manager': electricalSupplyManager,
  'electrical-training-coordinator': electricalTrainingCoordinator,
  'electrical-directive-tracker': electricalDirectiveTracker,
  'electrical-material-tracker': electricalMaterialTracker,
  'electrical-dashboard-creator': electricalDashboardCreator,
  'electrical-site-planner': electricalSitePlanner,
} as const satisfies Record<AgentId, AgentDefinition>;

/** The eleven agents in the order of API.md (`GET /v1/agents`). */
export const agentCatalog: readonly AgentDefinition[] = AgentId.options.map((id) => agentsById[id]);

/**
 * Looks an agent up by id. With a known `AgentId` the result is always defined; with an
 * arbitrary string (a URL segment, a job payload) it is `undefined` for an unknown id.
 */
export function getAgent(id: AgentId): AgentDefinition;
export function getAgent(id: string): AgentDefinition | undefined;
export function getAgent(id: string): AgentDefinition | undefined {
  const parsed = AgentId.safeParse(id);
  return parsed.success ? agentsById[parsed.data] : undefined;
}
