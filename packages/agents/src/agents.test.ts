import { describe, expect, it } from 'vitest';
import { AgentDefinition, AgentId, agentCatalog, getAgent, ToolName } from './index.ts';

// Copied from API.md ("Agents"), in the contract's order: the catalogue must match it exactly.
const apiAgentIds = [
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
];

/** Tool names a prompt refers to in backticks, e.g. `calc_voltage_drop`. */
const toolsNamedIn = (prompt: string): string[] =>
  [...prompt.matchAll(/`([a-z_]+)`/g)].flatMap((match) => (match[1] === undefined ? [] : [match[1]]));

describe('agent catalogue', () => {
  it('lists the eleven agents of API.md, in order, each id once', () => {
    expect(agentCatalog.map((agent) => agent.id)).toEqual(apiAgentIds);
    expect(AgentId.options).toEqual(apiAgentIds);
    expect(new Set(agentCatalog.map((agent) => agent.id)).size).toBe(11);
  });

  it('finds each agent by id and rejects unknown ids', () => {
    for (const id of apiAgentIds) expect(getAgent(id)?.id).toBe(id);
    expect(getAgent('electrical-astrologer')).toBeUndefined();
    expect(getAgent('')).toBeUndefined();
  });

  it('gives every agent distinct names and descriptions in French and English', () => {
    expect(new Set(agentCatalog.map((agent) => agent.name.fr)).size).toBe(11);
    expect(new Set(agentCatalog.map((agent) => agent.name.en)).size).toBe(11);
    expect(new Set(agentCatalog.map((agent) => agent.systemPrompt)).size).toBe(11);
  });
});

describe.each(agentCatalog.map((agent) => [agent.id, agent] as const))('%s', (_id, agent) => {
  it('is a valid definition with known, unique tools', () => {
    expect(AgentDefinition.safeParse(agent).success).toBe(true);
    for (const tool of agent.tools) expect(ToolName.options).toContain(tool);
    expect(new Set(agent.tools).size).toBe(agent.tools.length);
  });

  it('only refers in its prompt to tools it is allowed to call', () => {
    const named = toolsNamedIn(agent.systemPrompt);
    expect(named.length).toBeGreaterThan(0);
    for (const tool of named) expect(agent.tools).toContain(tool);
  });

  it('has a French prompt that demands tools for numbers, cites editions and states the caveats', () => {
    const prompt = agent.systemPrompt;
    // French, not English: French function words and accents are present.
    expect(prompt).toMatch(/\bTu es\b/);
    expect(prompt).toMatch(/[éèàç]/);
    expect(prompt).toContain('outil');
    expect(prompt).toMatch(/ne calcules jamais/);
    expect(prompt).toContain('aide à la vérification');
    expect(prompt).toContain('maître électricien');
    expect(prompt).toContain('CMEQ');
    expect(prompt).toContain('RBQ');
    expect(prompt).toContain('Hydro-Québec');
    expect(prompt).toContain('CSA C22.10-18');
    expect(prompt).toContain('édition 2026');
    expect(prompt).toContain("sauf si l'utilisateur écrit en anglais");
    expect(prompt).toContain('38 200 W');
  });

  it('has a role-specific prompt of reasonable length', () => {
    const lines = agent.systemPrompt.split('\n').filter((line) => line.trim() !== '');
    expect(lines.length).toBeGreaterThanOrEqual(25);
    expect(lines.length).toBeLessThanOrEqual(50);
  });
});

describe('tool assignment by role', () => {
  const toolsOf = (id: AgentId): readonly ToolName[] => getAgent(id).tools;

  it('gives the calculator every calculation', () => {
    expect(toolsOf('electrical-calculator')).toEqual(
      expect.arrayContaining([
        'calc_dwelling_load',
        'calc_apartment_load',
        'calc_conductor_size',
        'calc_voltage_drop',
        'calc_box_fill',
      ]),
    );
  });

  it('gives the supply manager the BOM and the catalogue, and no calculation', () => {
    const tools = toolsOf('electrical-supply-manager');
    expect(tools).toEqual(expect.arrayContaining(['bom_get', 'bom_generate', 'catalog_search']));
    expect(tools.some((tool) => tool.startsWith('calc_'))).toBe(false);
  });

  it('gives the compliance checker the rules, the plan and the calculations', () => {
    expect(toolsOf('electrical-compliance-checker')).toEqual(
      expect.arrayContaining(['rules_search', 'plan_compliance', 'plan_analysis', 'calc_box_fill']),
    );
  });
});

describe('norms knowledge base', () => {
  const normsAgents = [
    'electrical-safety-specialist',
    'electrical-compliance-checker',
    'electrical-training-coordinator',
    'electrical-directive-tracker',
  ] as const;

  it.each(normsAgents)('gives %s knowledge_search and has it cite each entry’s reference', (id) => {
    const agent = getAgent(id);
    expect(agent.tools).toContain('knowledge_search');
    const line = agent.systemPrompt.split('\n').find((l) => l.includes('`knowledge_search`'));
    expect(line).toMatch(/cite le champ reference/);
  });
});
