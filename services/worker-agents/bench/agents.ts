/**
 * Agents orchestration benchmark (issue 7): the worker in-process on the real Redis and
 * Postgres against the fake Anthropic server with zero latency.
 * 1. Overhead per tool step: sequential runs of K tool steps; time per model step (SDK
 *    streaming request + tool + event writes + Redis announce), against a raw SDK streaming
 *    request to the same fake measured in the same run (the baseline). Goal: < 20 ms per step.
 * 2. Throughput: runs/s with worker concurrency 10, each run one tool step then the answer.
 *
 *   node --import tsx services/worker-agents/bench/agents.ts [--runs 30] [--steps 3] [--burst 200]
 */
import { parseArgs } from 'node:util';
import Anthropic from '@anthropic-ai/sdk';
import { type MessagesRequest, waitFor } from '@saeq/testing';
import { startAgentsHarness } from '../test/harness.ts';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '30' },
    steps: { type: 'string', default: '3' },
    burst: { type: 'string', default: '200' },
  },
});
const runs = Number(values.runs);
const toolSteps = Number(values.steps);
const burst = Number(values.burst);

const toolResultsIn = (body: MessagesRequest) =>
  body.messages.filter(
    (m) => m.role === 'user' && Array.isArray(m.content) && m.content.some((b) => b.type === 'tool_result'),
  ).length;

let stepsPerRun = toolSteps;
const h = await startAgentsHarness({
  env: { AGENT_CONCURRENCY: '10', AGENT_MAX_STEPS: '20', LOG_LEVEL: 'silent' },
  fake: {
    handler: (request) =>
      toolResultsIn(request.body) < stepsPerRun
        ? {
            type: 'tool_use',
            name: 'calc_box_fill',
            input: { boxVolumeML: 300, conductors: [{ size: '14 AWG', count: 4 }], devices: 1 },
            usage: { input_tokens: 1500, output_tokens: 40 },
          }
        : {
            type: 'text',
            text: 'La boîte est assez grande selon calc_box_fill.',
            usage: { output_tokens: 20 },
          },
  },
});
const fake = h.fake;
if (!fake) throw new Error('fake Anthropic expected');

async function finishAll(ids: string[]): Promise<void> {
  const pending = new Set(ids);
  await waitFor(
    async () => {
      for (const id of [...pending]) {
        const run = await h.db.query.agentRuns.findFirst({ where: (r, { eq }) => eq(r.id, id) });
        if (run?.status === 'completed') pending.delete(id);
        else if (run?.status === 'failed') throw new Error(`run ${id} failed: ${run.error?.message}`);
      }
      return pending.size === 0;
    },
    { timeoutMs: 300_000, intervalMs: 20, what: 'runs finished' },
  );
}

try {
  // Warm-up (JIT, connections, prepared plans).
  stepsPerRun = 1;
  await finishAll(
    await Promise.all(
      Array.from({ length: 5 }, () => h.submit({ agentId: 'electrical-calculator', message: 'Boîte ?' })),
    ),
  );

  // 1. Sequential runs: per-step time; the worker's own timing from the run rows excludes the
  // queue pick-up and the polling of this script.
  stepsPerRun = toolSteps;
  const perRunMs: number[] = [];
  for (let i = 0; i < runs; i++) {
    const id = await h.submit({ agentId: 'electrical-calculator', message: 'Boîte de 300 mL ?' });
    await finishAll([id]);
    const run = await h.db.query.agentRuns.findFirst({ where: (r, { eq }) => eq(r.id, id) });
    if (!run?.startedAt || !run.finishedAt) throw new Error('run without timestamps');
    perRunMs.push(run.finishedAt.getTime() - run.startedAt.getTime());
  }
  const modelSteps = toolSteps + 1;
  const sorted = [...perRunMs].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;

  // Baseline: a raw SDK streaming request to the same fake, same conversation size.
  stepsPerRun = 0;
  const client = new Anthropic({ apiKey: 'test-key', baseURL: fake.url, maxRetries: 0 });
  const rawMs: number[] = [];
  for (let i = 0; i < runs * modelSteps; i++) {
    const started = performance.now();
    await client.messages
      .stream({
        model: 'claude-sonnet-4-6',
        max_tokens: 256,
        messages: [{ role: 'user', content: 'Boîte ?' }],
      })
      .finalMessage();
    rawMs.push(performance.now() - started);
  }
  const rawSorted = rawMs.sort((a, b) => a - b);
  const rawMedian = rawSorted[Math.floor(rawSorted.length / 2)] ?? Number.NaN;

  // 2. Throughput with concurrency 10.
  stepsPerRun = 1;
  const started = performance.now();
  const ids = await Promise.all(
    Array.from({ length: burst }, () => h.submit({ agentId: 'electrical-calculator', message: 'Boîte ?' })),
  );
  await finishAll(ids);
  const seconds = (performance.now() - started) / 1000;

  const perStep = median / modelSteps;
  process.stdout.write(
    `${JSON.stringify(
      {
        runs,
        toolStepsPerRun: toolSteps,
        modelStepsPerRun: modelSteps,
        medianRunMs: median,
        msPerModelStep: Math.round(perStep * 10) / 10,
        rawSdkRequestMs: Math.round(rawMedian * 10) / 10,
        orchestrationOverheadMsPerStep: Math.round((perStep - rawMedian) * 10) / 10,
        throughput: {
          runs: burst,
          concurrency: 10,
          seconds: Math.round(seconds * 100) / 100,
          runsPerSecond: Math.round((burst / seconds) * 10) / 10,
        },
      },
      null,
      2,
    )}\n`,
  );
} finally {
  await h.close();
}
