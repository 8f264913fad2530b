import { agentCatalog, ToolName } from '@saeq/agents';
import { describe, expect, it } from 'vitest';
import { toolRegistry } from './registry.ts';

// What an agent's system prompt tells the model to call must exist: each tool it names in
// backticks is one of its tools, and each tool parameter named in the same sentence is a
// parameter of a tool that sentence names (a prompt promising `plan_compliance` "per edition"
// when the tool takes no edition sends the model after a parameter that is not there).

/** Every parameter name of every tool: the words a prompt could mean as a parameter. */
const parameterNames = new Set(
  [...toolRegistry.values()].flatMap((tool) =>
    Object.keys((tool.inputSchema as { properties?: Record<string, unknown> }).properties ?? {}),
  ),
);

function parametersOf(name: string): Set<string> {
  const schema = toolRegistry.get(name as ToolName)?.inputSchema as
    | { properties?: Record<string, unknown> }
    | undefined;
  return new Set(Object.keys(schema?.properties ?? {}));
}

/** The prompt's sentences (lines, then sentences ending with a period and a space). */
function sentences(prompt: string): string[] {
  return prompt.split(/\n|(?<=\.)\s+/).filter((s) => s.trim() !== '');
}

describe('agent prompts', () => {
  it('name only tools the agent has, and only parameters those tools take', () => {
    const problems: string[] = [];
    for (const agent of agentCatalog) {
      for (const sentence of sentences(agent.systemPrompt)) {
        const named = [...sentence.matchAll(/`([a-z]+(?:_[a-z]+)+)`/g)].map((m) => m[1] as string);
        for (const tool of named) {
          if (!ToolName.safeParse(tool).success || !toolRegistry.has(tool as ToolName)) {
            problems.push(`${agent.id}: names a tool that does not exist: ${tool}`);
          } else if (!(agent.tools as string[]).includes(tool)) {
            problems.push(`${agent.id}: names ${tool}, which is not among its tools`);
          }
        }
        if (named.length === 0) continue;
        const offered = new Set(named.flatMap((tool) => [...parametersOf(tool)]));
        for (const word of new Set(sentence.match(/[A-Za-z][A-Za-z0-9]*/g) ?? [])) {
          if (parameterNames.has(word) && !offered.has(word)) {
            problems.push(
              `${agent.id}: "${sentence.trim()}" names parameter ${word}, which ${named.join('/')} lacks`,
            );
          }
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('has the directive tracker compare a plan edition by edition through plan_compliance’s edition', () => {
    const tracker = agentCatalog.find((a) => a.id === 'electrical-directive-tracker');
    const line = sentences(tracker?.systemPrompt ?? '').find((s) => s.includes('`plan_compliance`'));
    expect(line).toMatch(/edition 2018/);
    expect(parametersOf('plan_compliance').has('edition')).toBe(true);
  });
});
