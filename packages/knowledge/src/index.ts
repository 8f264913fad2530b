// Public API of @saeq/knowledge — the norms knowledge base's content: pure data, no I/O.

export { knowledgeContentHash, knowledgeEntries } from './knowledge-base.ts';
export { type EntryInput, entry, KnowledgeEntry, KnowledgeSource } from './knowledge-entry.ts';
export { ruleCatalogueEntries, ruleEntryId } from './rule-catalogue-entries.ts';
