import { readFileSync } from 'node:fs';
import { z } from 'zod';

export const EvaluationQuestion = z.object({
  q: z.string().min(1),
  lang: z.enum(['fr', 'en']),
  /** Entries a good answer must find: a hit is any of them in the first k results. */
  expected: z.array(z.string()).min(1),
});
export type EvaluationQuestion = z.infer<typeof EvaluationQuestion>;

const QuestionsFile = z.object({ about: z.string(), questions: z.array(EvaluationQuestion).min(40) });

/** The committed questions (packages/knowledge/evaluation/questions.json). */
export function evaluationQuestions(): EvaluationQuestion[] {
  const path = new URL('../evaluation/questions.json', import.meta.url);
  return QuestionsFile.parse(JSON.parse(readFileSync(path, 'utf8'))).questions;
}

export type RecallReport = {
  k: number;
  questions: number;
  hits: number;
  recall: number;
  misses: { q: string; expected: string[]; got: string[] }[];
};

/**
 * recall@k of a search: the share of questions for which at least one expected id is among the
 * first k ids the search returns. `search` is the real one (database) in tests and the script.
 */
export async function recallAtK(
  questions: readonly EvaluationQuestion[],
  search: (question: EvaluationQuestion, k: number) => Promise<string[]>,
  k = 5,
): Promise<RecallReport> {
  const misses: RecallReport['misses'] = [];
  for (const question of questions) {
    const got = (await search(question, k)).slice(0, k);
    if (!question.expected.some((id) => got.includes(id))) {
      misses.push({ q: question.q, expected: question.expected, got });
    }
  }
  const hits = questions.length - misses.length;
  return { k, questions: questions.length, hits, recall: hits / questions.length, misses };
}
