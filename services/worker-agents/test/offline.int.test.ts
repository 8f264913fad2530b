import { type CalculationKind, calculations } from '@saeq/electrical-code';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AgentsHarness, seedPlan, startAgentsHarness } from './harness.ts';

// Offline mode (no ANTHROPIC_API_KEY): the deterministic intent parser answers recognised
// requests in French and English by calling the same tools; anything else says the model is
// not configured. The worker in-process on the real Redis and Postgres.

let h: AgentsHarness;

beforeAll(async () => {
  h = await startAgentsHarness({ offline: true, env: { AGENT_RATE_LIMIT_PER_MINUTE: '600' } });
});
afterAll(async () => {
  await h?.close();
});

/** The calculation endpoint's function on the same input, in `lang`. */
const expectedOutput = (kind: CalculationKind, input: unknown, lang: 'fr' | 'en') =>
  calculations[kind].run(calculations[kind].input.parse(input) as never, { lang });

const calculationCases = [
  {
    lang: 'fr',
    message:
      'Quelle est la charge calculée d’une maison de 150 m² avec une cuisinière de 12 kW, du chauffage électrique de 10 kW et un chauffe-eau de 4 500 W ?',
    kind: 'dwelling-load',
    tool: 'calc_dwelling_load',
    input: {
      livingAreaM2: 150,
      rangeW: 12_000,
      spaceHeatingW: 10_000,
      waterHeaters: [{ watts: 4500, kind: 'storage' }],
      edition: '2026',
    },
    answer: /Charge calculée du logement \(article 8-200, édition 2026\)/,
  },
  {
    lang: 'en',
    message: 'What is the calculated load of a 150 m² house with a 12 kW range and 10 kW electric heating?',
    kind: 'dwelling-load',
    tool: 'calc_dwelling_load',
    input: { livingAreaM2: 150, rangeW: 12_000, spaceHeatingW: 10_000, edition: '2026' },
    answer: /Calculated load of the dwelling \(Rule 8-200, edition 2026\)/,
  },
  {
    lang: 'fr',
    message: 'Quel calibre pour 40 A cuivre 90 °C ?',
    kind: 'conductor-size',
    tool: 'calc_conductor_size',
    input: {
      currentA: 40,
      material: 'copper',
      insulationRatingC: 90,
      installation: 'raceway-or-cable',
      edition: '2026',
    },
    answer: /Calibre minimal : \d+ AWG/,
  },
  {
    lang: 'en',
    message: 'What wire size for 40 A copper 90 °C?',
    kind: 'conductor-size',
    tool: 'calc_conductor_size',
    input: {
      currentA: 40,
      material: 'copper',
      insulationRatingC: 90,
      installation: 'raceway-or-cable',
      edition: '2026',
    },
    answer: /Minimum conductor size: \d+ AWG/,
  },
  {
    lang: 'fr',
    message: 'Chute de tension pour 30 m de 12 AWG en cuivre à 15 A sous 120 V',
    kind: 'voltage-drop',
    tool: 'calc_voltage_drop',
    input: {
      material: 'copper',
      size: '12 AWG',
      lengthM: 30,
      currentA: 15,
      voltage: 120,
      phases: 1,
      edition: '2026',
    },
    answer: /Chute de tension : .+\sV \(.+\s%\) — limite 3\s% : AU-DELÀ de la limite/,
  },
  {
    lang: 'en',
    message: 'Voltage drop for 30 m of 12 AWG copper at 15 A, 120 V single-phase',
    kind: 'voltage-drop',
    tool: 'calc_voltage_drop',
    input: {
      material: 'copper',
      size: '12 AWG',
      lengthM: 30,
      currentA: 15,
      voltage: 120,
      phases: 1,
      edition: '2026',
    },
    answer: /Voltage drop: .+\sV \(.+%\) — limit 3%: OVER the limit/,
  },
  {
    lang: 'fr',
    message: 'Remplissage d’une boîte de 300 mL avec 4 conducteurs 14 AWG et 1 dispositif',
    kind: 'box-fill',
    tool: 'calc_box_fill',
    input: { boxVolumeML: 300, conductors: [{ size: '14 AWG', count: 4 }], devices: 1, edition: '2026' },
    answer: /Remplissage de boîte : volume requis .+\smL, disponible 300\smL : la boîte est assez grande/,
  },
  {
    lang: 'en',
    message: 'Box fill for a 300 mL box with four 14 AWG conductors and one device',
    kind: 'box-fill',
    tool: 'calc_box_fill',
    input: { boxVolumeML: 300, conductors: [{ size: '14 AWG', count: 4 }], devices: 1, edition: '2026' },
    answer: /Box fill: required volume .+\smL, available 300\smL: the box is large enough/,
  },
] as const;

describe('offline mode: calculations', () => {
  it.each(calculationCases)('answers "$message" ($lang) with $tool', async (c) => {
    // The run's UI language is the other one: the message's language decides the answer's.
    const runId = await h.submit({
      agentId: 'electrical-calculator',
      message: c.message,
      lang: c.lang === 'fr' ? 'en' : 'fr',
    });
    const run = await h.waitFinished(runId);
    expect(run).toMatchObject({
      status: 'completed',
      mode: 'offline',
      model: null,
      stopReason: 'offline_answer',
    });
    expect(run.usage).toEqual({
      inputTokens: 0,
      outputTokens: 0,
      cacheReadTokens: 0,
      cacheCreationTokens: 0,
    });
    expect(run.toolCalls).toHaveLength(1);
    const [call] = run.toolCalls;
    expect(call?.name).toBe(c.tool);
    expect(call?.input).toEqual(c.input);
    expect(call?.output).toEqual(expectedOutput(c.kind, c.input, c.lang));
    expect(run.answer).toMatch(c.answer);
    // The tool's output is shown: its steps and rule references appear in the answer.
    const output = call?.output as { steps: { label: string; value: string }[]; ruleRefs: string[] };
    for (const step of output.steps) expect(run.answer).toContain(`${step.label}`);
    for (const ref of output.ruleRefs) expect(run.answer).toContain(ref);
    expect(run.answer).toContain(c.lang === 'fr' ? 'Mode hors ligne' : 'Offline mode');

    const events = await h.events(runId);
    expect(events.map((e) => e.type)).toEqual(['status', 'tool_call', 'answer', 'status']);
    expect(events[0]?.data).toMatchObject({ status: 'processing', mode: 'offline' });
    expect(events[3]?.data).toMatchObject({ status: 'completed', stopReason: 'offline_answer' });
  });

  it('asks for what is missing instead of guessing', async () => {
    const runId = await h.submit({
      agentId: 'electrical-calculator',
      message: 'Chute de tension pour du 12 AWG à 15 A',
    });
    const run = await h.waitFinished(runId);
    expect(run).toMatchObject({ status: 'completed', stopReason: 'offline_missing_input', toolCalls: [] });
    expect(run.answer).toContain('la longueur simple du circuit (m)');
    expect(run.answer).toContain('la tension (V)');
  });

  it('says which agents have the tool when this agent does not', async () => {
    const runId = await h.submit({
      agentId: 'electrical-supply-manager',
      message: 'Calibre pour 40 A cuivre 90 °C',
    });
    const run = await h.waitFinished(runId);
    expect(run).toMatchObject({ status: 'completed', stopReason: 'offline_tool_not_allowed', toolCalls: [] });
    expect(run.answer).toContain('calc_conductor_size');
    expect(run.answer).toContain('electrical-calculator');
  });
});

describe('offline mode: plan requests', () => {
  it('summarises the attached plan with plan_analysis (fr)', async () => {
    const planId = await seedPlan(h.db, h.orgs.acme);
    const runId = await h.submit({
      agentId: 'electrical-project-manager',
      message: 'Fais-moi un résumé du plan',
      planId,
    });
    const run = await h.waitFinished(runId);
    expect(run).toMatchObject({ status: 'completed', stopReason: 'offline_answer' });
    expect(run.toolCalls.map((c) => c.name)).toEqual(['plan_analysis']);
    expect(run.toolCalls[0]?.output).toMatchObject({ planId, counts: { byType: { receptacle: 3 } } });
    expect(run.answer).toContain('Plan « Maison Tremblay »');
    expect(run.answer).toContain('Appareils détectés : 6');
    expect(run.answer).toContain('Prises : 3');
    expect(run.answer).toContain('Pièces : 2 (CUISINE, CHAMBRE 1)');
    expect(run.answer).toContain('A : 200\u00a0A, 2 circuits');
  });

  it('summarises the plan in English, and says so when no plan is attached', async () => {
    const planId = await seedPlan(h.db, h.orgs.acme);
    const withPlan = await h.waitFinished(
      await h.submit({ agentId: 'electrical-site-planner', message: 'Give me a plan summary', planId }),
    );
    expect(withPlan.answer).toContain('Plan "Maison Tremblay"');
    expect(withPlan.answer).toContain('Devices detected: 6');
    expect(withPlan.answer).toContain('Receptacles: 3');
    const without = await h.waitFinished(
      await h.submit({ agentId: 'electrical-site-planner', message: 'Give me a plan summary' }),
    );
    expect(without).toMatchObject({ status: 'completed', stopReason: 'offline_tool_error' });
    expect(without.toolCalls[0]?.output).toMatchObject({ error: { code: 'plan_required' } });
    expect(without.answer).toContain('No plan is attached');
  });

  it('gives the stored bill of materials (fr) and prices one from the plan when none is stored (en)', async () => {
    const stored = await seedPlan(h.db, h.orgs.acme, { bom: true });
    const fr = await h.waitFinished(
      await h.submit({
        agentId: 'electrical-supply-manager',
        message: 'La liste de matériel, svp',
        planId: stored,
      }),
    );
    expect(fr).toMatchObject({ status: 'completed', stopReason: 'offline_answer' });
    expect(fr.toolCalls.map((c) => c.name)).toEqual(['bom_get']);
    const bom = fr.toolCalls[0]?.output as { lines: unknown[]; totalCents: number; lang: string };
    expect(bom.lang).toBe('fr');
    expect(bom.lines.length).toBeGreaterThan(0);
    expect(fr.answer).toContain(`Bordereau de matériel : ${bom.lines.length} ligne(s)`);
    expect(fr.answer).toMatch(/TPS : [\d\u00a0]+,\d{2}\u00a0\$/);

    const notStored = await seedPlan(h.db, h.orgs.acme);
    const en = await h.waitFinished(
      await h.submit({
        agentId: 'electrical-supply-manager',
        message: 'Bill of materials please',
        planId: notStored,
      }),
    );
    expect(en).toMatchObject({ status: 'completed', stopReason: 'offline_answer' });
    expect(en.toolCalls.map((c) => c.name)).toEqual(['bom_get', 'bom_generate']);
    expect(en.toolCalls[0]?.output).toMatchObject({ error: { code: 'stage_not_ready' } });
    const generated = en.toolCalls[1]?.output as { lines: unknown[]; lang: string; totalCents: number };
    expect(generated.lang).toBe('en');
    // Same analysis, same indicative catalogue, same rate: the same total as the stored one.
    expect(generated.totalCents).toBe(bom.totalCents);
    expect(en.answer).toContain(`Bill of materials: ${generated.lines.length} line(s)`);
  });

  it('does not read another organisation’s plan', async () => {
    const otherPlan = await seedPlan(h.db, h.orgs.other, { name: 'Secret' });
    // The gateway refuses such a run; a forged job still gets "not found" from the tool.
    const run = await h.waitFinished(
      await h.submit({ agentId: 'electrical-project-manager', message: 'résumé du plan', planId: otherPlan }),
    );
    expect(run.toolCalls[0]?.output).toMatchObject({ error: { code: 'not_found' } });
    expect(run.answer).not.toContain('Secret');
  });
});

describe('offline mode: questions about standards', () => {
  it.each([
    ['fr', 'Bonjour, peux-tu m’expliquer le cadenassage ?', 'RSST art. 188.1 à 188.13', 'citez la référence'],
    [
      'en',
      'Hello, can you explain lockout procedures to me?',
      'RSST art. 188.1 à 188.13',
      'cite the reference',
    ],
  ] as const)(
    'answers with the knowledge base entries for an agent that has it (%s)',
    async (lang, message, reference, citeNote) => {
      const run = await h.waitFinished(
        await h.submit({ agentId: 'electrical-safety-specialist', message, lang }),
      );
      expect(run).toMatchObject({ status: 'completed', mode: 'offline', stopReason: 'offline_knowledge' });
      expect(run.toolCalls.map((c) => c.name)).toEqual(['knowledge_search']);
      expect(run.answer).toContain(reference);
      expect(run.answer).toContain(citeNote);
    },
  );
});

describe('offline mode: anything else', () => {
  it.each([
    ['fr', 'Bonjour, peux-tu m’expliquer le cadenassage ?', 'Le modèle de langage n’est pas configuré'],
    ['en', 'Hello, can you explain lockout procedures to me?', 'The language model is not configured'],
  ] as const)(
    'says plainly that the language model is not configured to an agent without the knowledge base (%s)',
    async (lang, message, expected) => {
      const run = await h.waitFinished(await h.submit({ agentId: 'electrical-calculator', message, lang }));
      expect(run).toMatchObject({
        status: 'completed',
        mode: 'offline',
        stopReason: 'offline_not_understood',
        toolCalls: [],
      });
      expect(run.answer).toContain(expected);
    },
  );

  it('runs the agent-run queue with the configured limiter', () => {
    expect(h.service.workers[0]?.opts.limiter).toEqual({ max: 600, duration: 60_000 });
  });
});
