import type { ToolName } from '@saeq/agents';
import type { AgentUsage } from '@saeq/shared/db';
import { z } from 'zod';
import type { Llm, LlmRequest, LlmStep } from '../llm/anthropic-client.ts';
import { ConversationMessage, type ToolResultBlock, type ToolUseBlock, textOf } from '../llm/conversation.ts';
import { classifyProviderError } from '../llm/provider-errors.ts';
import { runTool, type ToolRun } from '../tools/registry.ts';
import type { AgentTool, ToolContext } from '../tools/tool.ts';

export const zeroUsage = (): AgentUsage => ({
  inputTokens: 0,
  outputTokens: 0,
  cacheReadTokens: 0,
  cacheCreationTokens: 0,
});

/** Tokens that count against a run's budget: everything the model read or wrote. */
export function usedTokens(usage: AgentUsage): number {
  return usage.inputTokens + usage.outputTokens + usage.cacheReadTokens + usage.cacheCreationTokens;
}

export function addUsage(a: AgentUsage, b: AgentUsage): AgentUsage {
  return {
    inputTokens: a.inputTokens + b.inputTokens,
    outputTokens: a.outputTokens + b.outputTokens,
    cacheReadTokens: a.cacheReadTokens + b.cacheReadTokens,
    cacheCreationTokens: a.cacheCreationTokens + b.cacheCreationTokens,
  };
}

/**
 * Where a run's tool loop stands: the conversation to send next, what was done and spent. It
 * is saved in the job's data when the job must wait or retry, so the next attempt resumes at
 * the failed request instead of redoing (and paying for) the steps already done.
 */
export const LoopState = z.object({
  messages: z.array(ConversationMessage).min(1),
  toolCalls: z.array(
    z.object({
      name: z.string(),
      input: z.unknown(),
      output: z.unknown(),
      durationMs: z.number(),
    }),
  ),
  usage: z.object({
    inputTokens: z.number(),
    outputTokens: z.number(),
    cacheReadTokens: z.number(),
    cacheCreationTokens: z.number(),
  }),
  /** Model requests answered so far. */
  steps: z.number().int().nonnegative(),
  /** Time spent working in earlier attempts (waiting for retry-after excluded). */
  elapsedMs: z.number().nonnegative(),
});
export type LoopState = z.infer<typeof LoopState>;

export type LoopLimits = { maxSteps: number; tokenBudget: number; timeLimitMs: number };

export type LoopOutcome =
  | { kind: 'answer'; answer: string; stopReason: string; model: string }
  | { kind: 'limit'; reason: 'max_steps' | 'token_budget' | 'time_limit'; model: string }
  /** The process is shutting down: `state` is a clean step boundary to resume from elsewhere. */
  | { kind: 'interrupted'; reason: 'draining' | 'deadline'; model: string };

/**
 * When to stop for a shutdown. `draining`: no new model step is started (the one in flight and
 * its tools finish, so nothing already paid for is thrown away). `deadline`: the step in flight
 * is aborted too — its tokens streamed so far are paid and lost, the price of handing the run
 * over before the process is killed (which would lose the same step and count a stall).
 */
export type LoopInterrupt = { draining: AbortSignal; deadline: AbortSignal };

export type LoopHooks = {
  /** A piece of streamed text of model step `step` (1-based). */
  onText(delta: string, step: number): void;
  /** After each model answer, with that step's usage (metrics, accounting). */
  onStep(step: LlmStep, index: number): void;
  /** After each tool call. */
  onToolCall(call: ToolRun & { id: string }): Promise<void>;
  /**
   * After each completed step (model answer and its tool results appended to the conversation):
   * `state` is a clean point to resume from; saving it bounds a crash's loss to one step.
   */
  onCheckpoint?(state: LoopState): Promise<void>;
};

/**
 * The tool-use loop: ask the model; while it asks for tools, run them (only the agent's, only
 * on the run's organisation's data) and send the results back; stop at its answer or at a
 * limit (steps, tokens, wall-clock time). `state` is updated in place, so after a thrown
 * provider error it holds the exact point to resume from.
 * @throws provider errors from the model request (see llm/provider-errors.ts); tool errors
 *         other than expected failures (database down).
 */
export async function runToolLoop(opts: {
  llm: Llm;
  system: LlmRequest['system'];
  tools: readonly AgentTool[];
  toolContext: ToolContext;
  state: LoopState;
  limits: LoopLimits;
  hooks: LoopHooks;
  /** Monotonic milliseconds (performance.now in production). */
  clock: () => number;
  interrupt?: LoopInterrupt;
}): Promise<LoopOutcome> {
  const { llm, state, limits, hooks } = opts;
  const allowed: ToolName[] = opts.tools.map((tool) => tool.name);
  const startedAt = opts.clock() - state.elapsedMs;
  const elapsed = () => opts.clock() - startedAt;
  let model = llm.model;
  try {
    for (;;) {
      if (elapsed() >= limits.timeLimitMs) return { kind: 'limit', reason: 'time_limit', model };
      if (state.steps >= limits.maxSteps) return { kind: 'limit', reason: 'max_steps', model };
      if (usedTokens(state.usage) >= limits.tokenBudget)
        return { kind: 'limit', reason: 'token_budget', model };
      if (opts.interrupt?.draining.aborted) return { kind: 'interrupted', reason: 'draining', model };

      const stepIndex = state.steps + 1;
      const controller = new AbortController();
      const timer = setTimeout(() => controller.abort(), Math.max(1, limits.timeLimitMs - elapsed()));
      const signal = opts.interrupt
        ? AbortSignal.any([controller.signal, opts.interrupt.deadline])
        : controller.signal;
      let step: LlmStep;
      try {
        step = await llm.step(
          { system: opts.system, tools: opts.tools, messages: state.messages },
          { signal, onText: (delta) => hooks.onText(delta, stepIndex) },
        );
      } catch (err) {
        if (signal.aborted && classifyProviderError(err)?.kind === 'aborted') {
          if (opts.interrupt?.deadline.aborted) return { kind: 'interrupted', reason: 'deadline', model };
          return { kind: 'limit', reason: 'time_limit', model };
        }
        throw err;
      } finally {
        clearTimeout(timer);
      }
      state.steps = stepIndex;
      state.usage = addUsage(state.usage, step.usage);
      model = step.model;
      hooks.onStep(step, stepIndex);

      const toolUses = step.content.filter((block): block is ToolUseBlock => block.type === 'tool_use');
      if (step.stopReason !== 'tool_use' || toolUses.length === 0) {
        return {
          kind: 'answer',
          answer: textOf(step.content),
          stopReason: step.stopReason ?? 'end_turn',
          model,
        };
      }
      const results: ToolResultBlock[] = [];
      const recordedBefore = state.toolCalls.length;
      try {
        for (const use of toolUses) {
          const run = await runTool(use.name, use.input, opts.toolContext, allowed);
          state.toolCalls.push({
            name: run.name,
            input: run.input,
            output: run.output,
            durationMs: run.durationMs,
          });
          await hooks.onToolCall({ ...run, id: use.id });
          results.push({
            type: 'tool_result',
            tool_use_id: use.id,
            content: JSON.stringify(run.output),
            is_error: run.isError,
          });
        }
      } catch (err) {
        // The step will be asked again on resume: forget its half-done calls.
        state.toolCalls.length = recordedBefore;
        throw err;
      }
      state.messages.push({ role: 'assistant', content: step.content }, { role: 'user', content: results });
      state.elapsedMs = elapsed();
      await hooks.onCheckpoint?.(state);
    }
  } finally {
    state.elapsedMs = elapsed();
  }
}
