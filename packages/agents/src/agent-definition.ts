import { z } from 'zod';

/**
 * The eleven agent ids of the public contract (API.md, "Agents"), in catalogue order.
 * Renaming or removing one is a breaking change of `GET /v1/agents`.
 */
export const AgentId = z.enum([
  'electrical-safety-specialist',
  'electrical-calculator',
  'electrical-compliance-checker',
  'electrical-project-manager',
  'electrical-diagnostician',
  'electrical-supply-manager',
  'electrical-training-coordinator',
  'electrical-directive-tracker',
  'electrical-material-tracker',
  'electrical-dashboard-creator',
  'electrical-site-planner',
]);
export type AgentId = z.infer<typeof AgentId>;

/**
 * Names of the tools the model may call. The tool implementations (JSON schema, handler) live
 * in `../tools/`; an agent only ever receives the subset listed in its definition.
 */
export const ToolName = z.enum([
  'calc_dwelling_load',
  'calc_apartment_load',
  'calc_conductor_size',
  'calc_voltage_drop',
  'calc_box_fill',
  'rules_search',
  'plan_analysis',
  'plan_compliance',
  'bom_get',
  'bom_generate',
  'catalog_search',
  'knowledge_search',
]);
export type ToolName = z.infer<typeof ToolName>;

/** Every `calc_*` tool, for agents whose role covers all calculation kinds. */
export const calculationTools = [
  'calc_dwelling_load',
  'calc_apartment_load',
  'calc_conductor_size',
  'calc_voltage_drop',
  'calc_box_fill',
] as const satisfies readonly ToolName[];

export const LocalizedText = z.object({ fr: z.string().min(1), en: z.string().min(1) });
export type LocalizedText = z.infer<typeof LocalizedText>;

/**
 * One specialist agent: what `GET /v1/agents` lists (id, name, description) and what the
 * worker sends to the model (system prompt in Québec French, allowed tools).
 * The system prompt is static text so that prompt caching can reuse it across runs.
 */
export const AgentDefinition = z.object({
  id: AgentId,
  name: LocalizedText,
  description: LocalizedText,
  systemPrompt: z.string().min(1),
  tools: z.array(ToolName).min(1),
});
export type AgentDefinition = z.infer<typeof AgentDefinition>;
