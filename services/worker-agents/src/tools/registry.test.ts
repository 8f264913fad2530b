import { ToolName } from '@saeq/agents';
import { calculations } from '@saeq/electrical-code';
import type { Db } from '@saeq/shared/db';
import { describe, expect, it } from 'vitest';
import { runTool, toolRegistry, toolsFor } from './registry.ts';
import type { ToolContext } from './tool.ts';

// Calculation and rule tools never touch the database: any access fails the test.
const noDb = new Proxy(
  {},
  {
    get() {
      throw new Error('this tool must not use the database');
    },
  },
) as unknown as Db;

const ctx = (over: Partial<ToolContext> = {}): ToolContext => ({
  db: noDb,
  organisationId: '00000000-0000-4000-8000-000000000001',
  planId: null,
  lang: 'fr',
  edition: '2026',
  defaultLabourRateCents: 9500,
  ...over,
});

describe('tool registry', () => {
  it('implements every tool an agent may name, with a French description and an object schema', () => {
    for (const name of ToolName.options) {
      const tool = toolRegistry.get(name);
      expect(tool, name).toBeDefined();
      expect(tool?.description.length).toBeGreaterThan(40);
      expect(tool?.inputSchema.type).toBe('object');
      expect(tool?.inputSchema).not.toHaveProperty('$schema');
      expect(JSON.stringify(tool?.inputSchema)).not.toContain(String(Number.MAX_SAFE_INTEGER));
    }
  });

  it('derives the calculation schemas from the electrical-code zod schemas (input side)', () => {
    expect(toolRegistry.get('calc_conductor_size')?.inputSchema).toMatchObject({
      type: 'object',
      required: ['currentA', 'material', 'insulationRatingC', 'installation'],
      additionalProperties: false,
      properties: { material: { enum: ['copper', 'aluminum'] }, insulationRatingC: { enum: [60, 75, 90] } },
    });
    // `edition` has a default: optional for the model.
    expect(toolRegistry.get('calc_dwelling_load')?.inputSchema.required).toEqual(['livingAreaM2']);
  });

  it('exposes the issue-17 inputs and tells the model when to ask for the heating system', () => {
    const dwelling = toolRegistry.get('calc_dwelling_load');
    expect(dwelling?.inputSchema).toMatchObject({
      properties: { heatingSystem: { enum: ['room-thermostats', 'central'] } },
    });
    expect(JSON.stringify(dwelling?.inputSchema)).toContain('evemsMonitorsService');
    expect(dwelling?.description).toMatch(/heatingSystem/);
    expect(dwelling?.description).toMatch(/demande-le avant d'appeler l'outil/);
    expect(dwelling?.description).toContain('serviceSizeA');
    const apartment = toolRegistry.get('calc_apartment_load');
    expect(apartment?.inputSchema).toMatchObject({
      properties: {
        serviceVoltage: { enum: ['120/240', '120/208', '347/600'] },
        heatingDemandScope: { enum: ['per-unit', 'building'] },
        nonDwellingLoadsW: { type: 'array' },
      },
    });
    expect(toolRegistry.get('calc_conductor_size')?.inputSchema).toMatchObject({
      properties: { conservative: { type: 'boolean' } },
    });
  });

  it('gives each agent the tools of its definition, in order', () => {
    expect(toolsFor({ tools: ['calc_box_fill', 'rules_search'] }).map((t) => t.name)).toEqual([
      'calc_box_fill',
      'rules_search',
    ]);
  });
});

describe('runTool', () => {
  const allowed = ToolName.options;

  it('returns exactly what the calculation endpoint computes, in the run language', async () => {
    const input = {
      currentA: 40,
      material: 'copper',
      insulationRatingC: 90,
      installation: 'raceway-or-cable',
    };
    const run = await runTool('calc_conductor_size', input, ctx({ lang: 'en' }), allowed);
    const expected = calculations['conductor-size'].run(
      calculations['conductor-size'].input.parse({ ...input, edition: '2026' }),
      { lang: 'en' },
    );
    expect(run).toMatchObject({
      name: 'calc_conductor_size',
      isError: false,
      input: { ...input, edition: '2026' },
    });
    expect(run.output).toEqual(expected);
    expect(run.durationMs).toBeGreaterThanOrEqual(0);
  });

  it('fills in the run’s edition when the model names none, and keeps the model’s when it does', async () => {
    const input = { boxVolumeML: 300, conductors: [{ size: '14 AWG', count: 4 }] };
    const byContext = await runTool('calc_box_fill', input, ctx({ edition: '2018' }), allowed);
    expect(byContext.output).toMatchObject({ edition: '2018' });
    const byModel = await runTool(
      'calc_box_fill',
      { ...input, edition: '2026' },
      ctx({ edition: '2018' }),
      allowed,
    );
    expect(byModel.output).toMatchObject({ edition: '2026' });
  });

  it('reports invalid input field by field', async () => {
    const run = await runTool('calc_voltage_drop', { material: 'gold', lengthM: -1 }, ctx(), allowed);
    expect(run.isError).toBe(true);
    const error = (run.output as { error: { code: string; message: string; details: { path: string }[] } })
      .error;
    expect(error.code).toBe('invalid_input');
    expect(error.message).toBe('Entrée de l’outil invalide.');
    expect(error.details.map((d) => d.path)).toEqual(
      expect.arrayContaining(['material', 'lengthM', 'size', 'currentA', 'voltage', 'phases']),
    );
  });

  it('reports a calculation with no answer in the code as an error the model can read', async () => {
    const input = {
      currentA: 5000,
      material: 'copper',
      insulationRatingC: 75,
      installation: 'raceway-or-cable',
    };
    const run = await runTool('calc_conductor_size', input, ctx(), allowed);
    expect(run.isError).toBe(true);
    expect(run.output).toMatchObject({ error: { code: 'calculation_error' } });
  });

  it('refuses a tool outside the agent’s set, and an unknown one', async () => {
    const notAllowed = await runTool('bom_generate', {}, ctx({ lang: 'en' }), ['calc_box_fill']);
    expect(notAllowed).toMatchObject({ isError: true, output: { error: { code: 'unknown_tool' } } });
    expect((notAllowed.output as { error: { message: string } }).error.message).toContain(
      'Available: calc_box_fill',
    );
    const unknown = await runTool('rm_rf', {}, ctx(), allowed);
    expect(unknown).toMatchObject({ isError: true, output: { error: { code: 'unknown_tool' } } });
  });

  it('searches the rule catalogue by edition', async () => {
    const run = await runTool('rules_search', { query: 'DDFT' }, ctx({ edition: '2018' }), allowed);
    expect(run.output).toMatchObject({ edition: '2018', query: 'DDFT' });
    const rules = (run.output as { rules: { id: string }[] }).rules.map((r) => r.id);
    expect(rules).toEqual(['gfci-bathroom-receptacles', 'gfci-outdoor-receptacles']);
  });
});
