/**
 * `node --import tsx scripts/knowledge-recall.ts [--database-url postgres://…]`: seeds the
 * knowledge base and measures the search's recall@5 over the committed evaluation questions
 * (packages/knowledge/evaluation/questions.json), printing the figure docs/knowledge.md quotes
 * and every miss. Without --database-url it runs on a fresh embedded PGlite in a temporary
 * directory (the `pnpm start` database), so it needs nothing running.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { evaluationQuestions, knowledgeBase, recallAtK } from '@saeq/knowledge';
import { searchKnowledgeBase, seedKnowledgeBase } from '@saeq/knowledge/store';
import { createDb } from '@saeq/shared/db';

const { values } = parseArgs({ options: { 'database-url': { type: 'string' } } });
const dataDir = mkdtempSync(join(tmpdir(), 'saeq-knowledge-'));
const handle = await createDb({ databaseUrl: values['database-url'], dataDir });
try {
  await handle.migrate();
  await seedKnowledgeBase(handle.db);
  const report = await recallAtK(evaluationQuestions(), async (question, k) =>
    (await searchKnowledgeBase(handle.db, { q: question.q, lang: question.lang, limit: k })).map(
      (hit) => hit.id,
    ),
  );
  process.stdout.write(
    `${handle.driver}: ${knowledgeBase().entries.length} entries, recall@${report.k} = ${report.hits}/${report.questions} = ${(report.recall * 100).toFixed(1)} %\n`,
  );
  for (const miss of report.misses) {
    process.stdout.write(
      `  miss: "${miss.q}" expected ${miss.expected.join(' | ')}; got ${miss.got.join(', ')}\n`,
    );
  }
} finally {
  await handle.close();
  rmSync(dataDir, { recursive: true, force: true });
}
