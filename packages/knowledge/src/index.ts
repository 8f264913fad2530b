// Public API of @saeq/knowledge — the norms knowledge base: its content (pure data) and the
// evaluation of a search over it (reads the committed questions file).

export {
  EvaluationQuestion,
  evaluationQuestions,
  type RecallReport,
  recallAtK,
} from './evaluation.ts';
export { knowledgeBase, knowledgeContentHash, knowledgeEntries } from './knowledge-base.ts';
export { type EntryInput, entry, KnowledgeEntry, KnowledgeSource } from './knowledge-entry.ts';
export { ruleCatalogueEntries, ruleEntryId } from './rule-catalogue-entries.ts';
