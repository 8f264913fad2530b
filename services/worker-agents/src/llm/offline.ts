import type { AgentUsage } from '@saeq/shared/db';

const zeroUsage: AgentUsage = { inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheCreationTokens: 0 };

/**
 * The answer of a run when no language model is configured. It says so plainly: no pretend
 * intelligence. (The deterministic intent parser that answers common requests with our tools
 * comes with the agents issue.)
 */
export function offlineAnswer(lang: 'fr' | 'en'): { answer: string; usage: AgentUsage } {
  const answer =
    lang === 'en'
      ? 'The language model is not configured on this SAEQ server (ANTHROPIC_API_KEY is not set), so this agent cannot answer free-form questions. Calculations remain available at POST /v1/calculations/{kind}.'
      : 'Le modèle de langage n’est pas configuré sur ce serveur SAEQ (ANTHROPIC_API_KEY absente) : cet agent ne peut donc pas répondre aux questions libres. Les calculs restent offerts par POST /v1/calculations/{kind}.';
  return { answer, usage: zeroUsage };
}
