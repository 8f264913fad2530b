import type { AgentDefinition, ToolName } from '@saeq/agents';
import type { z } from 'zod';
import { bomTools } from './bom-tools.ts';
import { calculationTools } from './calculation-tools.ts';
import { knowledgeSearchTool } from './knowledge-tools.ts';
import { planTools } from './plan-tools.ts';
import { rulesSearchTool } from './rule-tools.ts';
import type { AgentTool, ToolContext } from './tool.ts';
import { ToolFailure } from './tool.ts';

const allTools: AgentTool[] = [
  ...calculationTools,
  rulesSearchTool,
  knowledgeSearchTool,
  ...planTools,
  ...bomTools,
];

/** Every tool by name (registry.test.ts checks that each ToolName has one). */
export const toolRegistry: ReadonlyMap<ToolName, AgentTool> = new Map(
  allTools.map((tool) => [tool.name, tool]),
);

/** The tools an agent may call, in the order of its definition. */
export function toolsFor(agent: Pick<AgentDefinition, 'tools'>): AgentTool[] {
  return agent.tools.map((name) => {
    const tool = toolRegistry.get(name);
    if (!tool) throw new Error(`tool ${name} has no implementation`);
    return tool;
  });
}

/** One executed tool call, as recorded on the run and sent back to the model. */
export type ToolRun = {
  name: string;
  /** The input the tool ran with: the model's, plus the run's defaults (e.g. the edition). */
  input: unknown;
  output: unknown;
  isError: boolean;
  durationMs: number;
};

const failureOutput = (code: string, message: string, details?: unknown) => ({
  error: { code, message, ...(details === undefined ? {} : { details }) },
});

function issuesOf(error: z.ZodError): { path: string; message: string }[] {
  return error.issues.map((issue) => ({ path: issue.path.join('.') || '(input)', message: issue.message }));
}

/**
 * Runs the tool `name` for the model. Expected failures come back as `isError` results the
 * model can read and act on: a tool the agent may not use, invalid input (one entry per bad
 * field), `ToolFailure`s (not found, not ready, no answer in the code). Anything else (database
 * down, a bug) is thrown: the job retries.
 */
export async function runTool(
  name: string,
  rawInput: unknown,
  ctx: ToolContext,
  allowed: readonly ToolName[],
): Promise<ToolRun> {
  const started = performance.now();
  const done = (input: unknown, output: unknown, isError: boolean): ToolRun => ({
    name,
    input,
    output,
    isError,
    durationMs: Math.round((performance.now() - started) * 100) / 100,
  });
  const tool = toolRegistry.get(name as ToolName);
  if (!tool || !allowed.includes(tool.name)) {
    const message =
      ctx.lang === 'en'
        ? `Unknown tool for this agent: ${name}. Available: ${allowed.join(', ')}.`
        : `Outil inconnu pour cet agent : ${name}. Outils offerts : ${allowed.join(', ')}.`;
    return done(rawInput, failureOutput('unknown_tool', message), true);
  }
  const input =
    rawInput !== null && typeof rawInput === 'object' && !Array.isArray(rawInput)
      ? { ...tool.defaults?.(ctx), ...(rawInput as Record<string, unknown>) }
      : rawInput;
  const parsed = tool.input.safeParse(input);
  if (!parsed.success) {
    const message = ctx.lang === 'en' ? 'Invalid tool input.' : 'Entrée de l’outil invalide.';
    return done(input, failureOutput('invalid_input', message, issuesOf(parsed.error)), true);
  }
  try {
    return done(input, await tool.run(parsed.data, ctx), false);
  } catch (err) {
    if (err instanceof ToolFailure) {
      return done(input, failureOutput(err.code, err.messages[ctx.lang], err.details), true);
    }
    throw err;
  }
}
