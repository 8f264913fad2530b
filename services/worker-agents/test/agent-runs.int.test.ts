import { getAgent } from '@saeq/agents';
import { calculations, DwellingLoadInput } from '@saeq/electrical-code';
import type { ToolCallRecord } from '@saeq/shared/db';
import { toolResultsOf, waitFor } from '@saeq/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLlm } from '../src/llm/anthropic-client.ts';
import { runToolLoop, zeroUsage } from '../src/runs/tool-loop.ts';
import { toolsFor } from '../src/tools/registry.ts';
import { type AgentsHarness, seedPlan, startAgentsHarness } from './harness.ts';

// Issue 7 acceptance with the model: the worker in-process on the real Redis and Postgres,
// the fake Anthropic server on loopback (the only stand-in).

let h: AgentsHarness;
const fake = () => {
  if (!h.fake) throw new Error('this file needs the fake Anthropic server');
  return h.fake;
};

beforeAll(async () => {
  h = await startAgentsHarness({ env: { AGENT_MAX_STEPS: '3', AGENT_TOKEN_BUDGET: '100000' } });
});
afterAll(async () => {
  await h?.close();
});

const outputOf = (call: ToolCallRecord | undefined) => call?.output as Record<string, unknown> | undefined;

describe('tool-use loop', () => {
  it('answers with the dwelling-load tool: stored answer, tool call with its output, token usage and cost', async () => {
    const input = { livingAreaM2: 150, rangeW: 12_000, spaceHeatingW: 10_000 };
    const answer = 'La charge calculée est de 31 000 W selon calc_dwelling_load (8-200, édition 2026).';
    fake().enqueue(
      {
        type: 'tool_use',
        name: 'calc_dwelling_load',
        input,
        text: 'Je calcule la charge.',
        usage: { input_tokens: 2000, output_tokens: 60, cache_creation_input_tokens: 1800 },
      },
      {
        type: 'text',
        text: answer,
        usage: { input_tokens: 2500, output_tokens: 120, cache_read_input_tokens: 1800 },
      },
    );
    const before = fake().requests.length;
    const runId = await h.submit({
      agentId: 'electrical-calculator',
      message: 'Charge d’une maison de 150 m² ?',
    });
    const run = await h.waitFinished(runId);

    // The tool ran the very function of POST /v1/calculations/dwelling-load, with the run's
    // default edition filled in (the recorded input reproduces the output).
    const expected = calculations['dwelling-load'].run(
      DwellingLoadInput.parse({ ...input, edition: '2026' }),
      {
        lang: 'fr',
      },
    );
    expect(run).toMatchObject({ status: 'completed', mode: 'llm', answer, stopReason: 'end_turn' });
    expect(run.model).toBe('claude-sonnet-4-6');
    expect(run.toolCalls).toHaveLength(1);
    expect(run.toolCalls[0]).toMatchObject({
      name: 'calc_dwelling_load',
      input: { ...input, edition: '2026' },
    });
    expect(run.toolCalls[0]?.output).toEqual(expected);
    expect(outputOf(run.toolCalls[0])?.calculatedLoadW).toBeGreaterThan(0);
    // Two steps: 2000 + 2500 input, 60 + 120 output, 1800 cache read, 1800 cache write.
    // Sonnet 4 prices (USD/M): 4500×3 + 180×15 + 1800×0.3 + 1800×3.75 = 23 490 µ$.
    expect(run.usage).toEqual({
      inputTokens: 4500,
      outputTokens: 180,
      cacheReadTokens: 1800,
      cacheCreationTokens: 1800,
      costUsd: 0.02349,
    });

    const [first, second] = fake().requests.slice(before);
    const agent = getAgent('electrical-calculator');
    expect(first?.body?.stream).toBe(true);
    expect(first?.body?.system).toEqual([
      { type: 'text', text: agent.systemPrompt, cache_control: { type: 'ephemeral' } },
      expect.objectContaining({
        type: 'text',
        text: expect.stringContaining('édition du code par défaut : 2026'),
      }),
    ]);
    const tools = first?.body?.tools ?? [];
    expect(tools.map((tool) => tool.name)).toEqual(agent.tools);
    expect(tools.at(-1)?.cache_control).toEqual({ type: 'ephemeral' });
    expect(tools.slice(0, -1).every((tool) => tool.cache_control === undefined)).toBe(true);
    const dwellingSchema = tools.find((tool) => tool.name === 'calc_dwelling_load')?.input_schema;
    expect(dwellingSchema).toMatchObject({ type: 'object', required: ['livingAreaM2'] });
    // The tool result went back to the model as the output's JSON.
    expect(toolResultsOf(second ?? {})).toEqual([
      expect.objectContaining({ type: 'tool_result', content: JSON.stringify(expected) }),
    ]);
    expect(toolResultsOf(second ?? {})[0]?.is_error).toBeUndefined();

    // The run's events, in order: status, streamed text, the tool call, text, answer, status.
    const events = await h.events(runId);
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
    expect(events[0]).toMatchObject({ type: 'status', data: { status: 'processing', mode: 'llm' } });
    expect(events.at(-1)).toMatchObject({
      type: 'status',
      data: { status: 'completed', stopReason: 'end_turn' },
    });
    const types = events.map((e) => e.type);
    expect(types.indexOf('tool_call')).toBeGreaterThan(types.indexOf('text'));
    expect(types.indexOf('answer')).toBeGreaterThan(types.indexOf('tool_call'));
    const streamed = events
      .filter((e) => e.type === 'text' && (e.data as { step: number }).step === 2)
      .map((e) => (e.data as { delta: string }).delta)
      .join('');
    expect(streamed).toBe(answer);
    expect(events.find((e) => e.type === 'answer')?.data).toEqual({ text: answer });
    expect(events.find((e) => e.type === 'tool_call')?.data).toMatchObject({
      name: 'calc_dwelling_load',
      isError: false,
      output: expected,
    });
  });

  it('lets the safety specialist search the norms knowledge base and sends the reference to cite', async () => {
    const answer = 'Le cadenassage est exigé (RSST art. 188.1 à 188.13). Aide à la vérification.';
    fake().enqueue(
      { type: 'tool_use', name: 'knowledge_search', input: { query: 'cadenassage machine', source: 'rsst' } },
      { type: 'text', text: answer },
    );
    const before = fake().requests.length;
    const runId = await h.submit({
      agentId: 'electrical-safety-specialist',
      message: 'Quand faut-il cadenasser ?',
    });
    const run = await h.waitFinished(runId);

    expect(run).toMatchObject({ status: 'completed', answer });
    expect(run.toolCalls[0]).toMatchObject({
      name: 'knowledge_search',
      input: { query: 'cadenassage machine', source: 'rsst', edition: '2026' },
    });
    const results = (outputOf(run.toolCalls[0])?.results ?? []) as {
      id: string;
      reference: string;
      source: string;
    }[];
    expect(results.map((r) => r.id)).toContain('rsst-188-lockout');
    expect(results.every((r) => r.source === 'rsst')).toBe(true);
    // The model is offered the tool and reads the reference in the tool result.
    const offered = (fake().requests[before]?.body?.tools ?? []) as { name: string }[];
    expect(offered.map((t) => t.name)).toContain('knowledge_search');
    const sent = toolResultsOf(fake().requests[before + 1] ?? {});
    expect(String(sent[0]?.content)).toContain('RSST art. 188.1 à 188.13');
  });

  it('gives "not found" for another organisation’s plan, and the analysis of its own', async () => {
    const otherPlan = await seedPlan(h.db, h.orgs.other, { name: 'Plan confidentiel' });
    const ownPlan = await seedPlan(h.db, h.orgs.acme);
    fake().enqueue(
      {
        type: 'message',
        content: [
          { type: 'tool_use', name: 'plan_analysis', input: { planId: otherPlan } },
          { type: 'tool_use', name: 'plan_analysis', input: { planId: ownPlan } },
        ],
      },
      { type: 'text', text: 'Je ne trouve pas le premier plan.' },
    );
    const before = fake().requests.length;
    const runId = await h.submit({ agentId: 'electrical-site-planner', message: 'Compare ces deux plans.' });
    const run = await h.waitFinished(runId);

    expect(run.status).toBe('completed');
    expect(outputOf(run.toolCalls[0])).toEqual({
      error: { code: 'not_found', message: `Plan introuvable : ${otherPlan}.` },
    });
    expect(outputOf(run.toolCalls[1])).toMatchObject({
      planId: ownPlan,
      counts: { byType: { receptacle: 3, luminaire: 1 } },
    });
    const results = toolResultsOf(fake().requests[before + 1] ?? {});
    expect(results[0]?.is_error).toBe(true);
    expect(String(results[0]?.content)).toContain('not_found');
    expect(String(results[0]?.content)).not.toContain('Plan confidentiel');
    expect(results[1]?.is_error).toBeUndefined();
  });

  it('reports invalid tool input and tools outside the agent’s set back to the model', async () => {
    fake().enqueue(
      {
        type: 'message',
        content: [
          { type: 'tool_use', name: 'calc_conductor_size', input: { currentA: -5, material: 'gold' } },
          { type: 'tool_use', name: 'bom_generate', input: {} },
        ],
      },
      { type: 'text', text: 'Il me manque des données.' },
    );
    const runId = await h.submit({ agentId: 'electrical-calculator', message: 'Calibre ?' });
    const run = await h.waitFinished(runId);
    expect(run.status).toBe('completed');
    const invalid = outputOf(run.toolCalls[0]) as { error: { code: string; details: { path: string }[] } };
    expect(invalid.error.code).toBe('invalid_input');
    expect(invalid.error.details.map((d) => d.path)).toEqual(
      expect.arrayContaining(['currentA', 'material', 'insulationRatingC', 'installation']),
    );
    expect(outputOf(run.toolCalls[1])).toMatchObject({ error: { code: 'unknown_tool' } });
  });

  it('continues a conversation with the earlier turns', async () => {
    fake().enqueue({ type: 'text', text: 'Première réponse.' });
    const first = await h.submit({ agentId: 'electrical-safety-specialist', message: 'Première question' });
    await h.waitFinished(first);
    fake().enqueue({ type: 'text', text: 'Deuxième réponse.' });
    const before = fake().requests.length;
    const second = await h.submit({
      agentId: 'electrical-safety-specialist',
      message: 'Deuxième question',
      conversationId: first,
    });
    expect((await h.waitFinished(second)).answer).toBe('Deuxième réponse.');
    const messages = fake().requests[before]?.body?.messages ?? [];
    expect(messages.map((m) => m.role)).toEqual(['user', 'assistant', 'user']);
    expect(JSON.stringify(messages)).toContain('Première question');
    expect(JSON.stringify(messages[1])).toContain('Première réponse.');
    expect(JSON.stringify(messages[2])).toContain('Deuxième question');
  });
});

describe('provider errors', () => {
  it('delays the job by retry-after on a 429, without failing it, then succeeds', async () => {
    fake().enqueue(
      { type: 'error', status: 429, retryAfter: 2 },
      { type: 'text', text: 'Réponse après l’attente.' },
    );
    const before = fake().requests.length;
    const runId = await h.submit({ agentId: 'electrical-calculator', message: 'Bonjour' });
    const t0 = await waitFor(async () => fake().requests.length > before && Date.now(), {
      timeoutMs: 10_000,
      intervalMs: 10,
      what: 'first request',
    });
    const state = await waitFor(async () => (await h.queue.getJob(runId))?.getState(), {
      timeoutMs: 5000,
      intervalMs: 20,
      what: 'job state',
    });
    expect(['delayed', 'active']).toContain(state);
    const t1 = await waitFor(async () => fake().requests.length > before + 1 && Date.now(), {
      timeoutMs: 10_000,
      intervalMs: 10,
      what: 'second request',
    });
    const run = await h.waitFinished(runId);

    expect(t1 - t0).toBeGreaterThanOrEqual(1800);
    expect(run).toMatchObject({ status: 'completed', answer: 'Réponse après l’attente.', attempts: 1 });
    // One attempt counted (the successful one): the wait used none of the job's 5 attempts.
    const job = await h.queue.getJob(runId);
    expect(job?.attemptsMade).toBe(1);
    const events = await h.events(runId);
    expect(
      events.map((e) => [
        e.type,
        (e.data as { status?: string; code?: string }).status ?? (e.data as { code?: string }).code,
      ]),
    ).toEqual(
      expect.arrayContaining([
        ['error', 'llm_rate_limited'],
        ['status', 'queued'],
      ]),
    );
    expect(events.find((e) => e.type === 'error')?.data).toMatchObject({ retryInMs: 2000, httpStatus: 429 });
  });

  it('resumes after a 529 in the middle of the loop without running the tool again', async () => {
    const input = { material: 'copper', size: '12 AWG', lengthM: 30, currentA: 15, voltage: 120, phases: 1 };
    fake().enqueue(
      {
        type: 'tool_use',
        name: 'calc_voltage_drop',
        input,
        usage: { input_tokens: 1000, output_tokens: 40 },
      },
      { type: 'error', status: 529, retryAfter: 1 },
      { type: 'text', text: 'Chute de tension calculée.', usage: { input_tokens: 1200, output_tokens: 30 } },
    );
    const before = fake().requests.length;
    const runId = await h.submit({ agentId: 'electrical-calculator', message: 'Chute de tension ?' });
    const run = await h.waitFinished(runId);

    expect(run.status).toBe('completed');
    expect(run.toolCalls).toHaveLength(1);
    expect(run.usage).toMatchObject({ inputTokens: 2200, outputTokens: 70 });
    const [, refused, resumed] = fake().requests.slice(before);
    expect(fake().requests.length - before).toBe(3);
    // The same conversation was sent again: the checkpoint, not a restart.
    expect(resumed?.body?.messages).toEqual(refused?.body?.messages);
    expect(toolResultsOf(resumed ?? {})).toHaveLength(1);
  });

  it('fails at once with a clear message on a 401', async () => {
    fake().enqueue({ type: 'error', status: 401, message: 'invalid x-api-key' });
    const before = fake().requests.length;
    const runId = await h.submit({ agentId: 'electrical-calculator', message: 'Bonjour' });
    const run = await h.waitFinished(runId);

    expect(run.status).toBe('failed');
    expect(run.error?.code).toBe('llm_401');
    expect(run.error?.message).toContain('HTTP 401');
    expect(run.error?.message).toContain('invalid x-api-key');
    expect(run.error?.message).toContain('ANTHROPIC_API_KEY');
    await waitFor(async () => (await (await h.queue.getJob(runId))?.getState()) === 'failed', {
      timeoutMs: 5000,
      what: 'job failed',
    });
    expect(fake().requests.length - before).toBe(1);
    expect((await h.events(runId)).at(-1)).toMatchObject({ type: 'status', data: { status: 'failed' } });
  });

  it('retries a 500 with backoff and then succeeds', async () => {
    fake().enqueue({ type: 'error', status: 500 }, { type: 'text', text: 'Réessai réussi.' });
    const runId = await h.submit({ agentId: 'electrical-calculator', message: 'Bonjour' });
    const run = await h.waitFinished(runId, 20_000);
    expect(run).toMatchObject({ status: 'completed', answer: 'Réessai réussi.', attempts: 2 });
    const events = await h.events(runId);
    expect(events.find((e) => e.type === 'error')?.data).toMatchObject({ code: 'llm_500', final: false });
  });
});

describe('limits', () => {
  it('stops a looping model at the step limit with a clear status', async () => {
    const looping = {
      type: 'tool_use' as const,
      name: 'calc_box_fill',
      input: { boxVolumeML: 300, conductors: [{ size: '14 AWG', count: 4 }] },
      usage: { input_tokens: 100, output_tokens: 10 },
    };
    fake().enqueue(looping, looping, looping);
    const before = fake().requests.length;
    const runId = await h.submit({ agentId: 'electrical-calculator', message: 'Boîte ?' });
    const run = await h.waitFinished(runId);

    expect(run).toMatchObject({
      status: 'failed',
      stopReason: 'max_steps',
      error: { code: 'agent_max_steps' },
    });
    expect(run.error?.message).toContain('3 étapes');
    expect(run.toolCalls).toHaveLength(3);
    expect(fake().requests.length - before).toBe(3);
    expect(run.usage).toMatchObject({ inputTokens: 300, outputTokens: 30 });
  });

  it('stops a looping model at the token budget with a clear status', async () => {
    const expensive = {
      type: 'tool_use' as const,
      name: 'rules_search',
      input: { query: 'DDFT' },
      usage: { input_tokens: 60_000, output_tokens: 10 },
    };
    fake().enqueue(expensive, expensive);
    const before = fake().requests.length;
    const runId = await h.submit({ agentId: 'electrical-calculator', message: 'Règles ?', lang: 'en' });
    const run = await h.waitFinished(runId);

    expect(run).toMatchObject({
      status: 'failed',
      stopReason: 'token_budget',
      error: { code: 'agent_token_budget' },
    });
    expect(run.error?.message).toContain('100000 tokens');
    expect(fake().requests.length - before).toBe(2);
    expect(run.usage?.inputTokens).toBe(120_000);
    expect(outputOf(run.toolCalls[0])).toMatchObject({ edition: '2026', query: 'DDFT' });
  });

  it('aborts a model request at the wall-clock limit', async () => {
    fake().enqueue({ type: 'text', text: 'trop tard', delayMs: 5000 });
    const llm = createLlm({
      apiKey: 'test-key',
      baseURL: fake().url,
      model: 'claude-sonnet-4-6',
      maxTokens: 256,
      timeoutMs: 30_000,
    });
    const agent = getAgent('electrical-calculator');
    const started = performance.now();
    const state = {
      messages: [{ role: 'user' as const, content: 'Bonjour' }],
      toolCalls: [],
      usage: zeroUsage(),
      steps: 0,
      elapsedMs: 0,
    };
    const outcome = await runToolLoop({
      llm,
      system: { prompt: agent.systemPrompt },
      tools: toolsFor(agent),
      toolContext: {
        db: h.db,
        organisationId: h.orgs.acme,
        planId: null,
        lang: 'fr',
        edition: '2026',
        defaultLabourRateCents: 9500,
      },
      state,
      limits: { maxSteps: 5, tokenBudget: 100_000, timeLimitMs: 300 },
      hooks: { onText: () => {}, onStep: () => {}, onToolCall: async () => {} },
      clock: () => performance.now(),
    });
    expect(outcome).toMatchObject({ kind: 'limit', reason: 'time_limit' });
    expect(performance.now() - started).toBeLessThan(3000);
    expect(state.elapsedMs).toBeGreaterThanOrEqual(250);
  });
});

describe('accounting', () => {
  it('counts tokens per agent and kind in saeq_llm_tokens_total', async () => {
    const text = await fetch(`http://127.0.0.1:${h.service.port}/metrics`).then((r) => r.text());
    const value = (kind: string) =>
      Number(
        new RegExp(
          `saeq_llm_tokens_total\\{[^}]*agent="electrical-calculator"[^}]*kind="${kind}"[^}]*\\} (\\d+)`,
        ).exec(text)?.[1] ?? Number.NaN,
      );
    // At least the dwelling-load run's tokens (other runs of this file add to them).
    expect(value('input')).toBeGreaterThanOrEqual(4500);
    expect(value('cache_read')).toBeGreaterThanOrEqual(1800);
    expect(value('cache_write')).toBeGreaterThanOrEqual(1800);
    expect(text).toMatch(
      /saeq_agent_runs_total\{[^}]*agent="electrical-calculator"[^}]*status="failed"[^}]*mode="llm"/,
    );
  });
});
