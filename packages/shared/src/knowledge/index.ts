export {
  type KnowledgeArticle,
  type KnowledgeHit,
  type KnowledgeSearchParams,
  knowledgeArticle,
  searchKnowledge,
} from './search.ts';
export { ensureKnowledgeSeeded, type KnowledgeSeedEntry, seedKnowledge } from './seed.ts';
