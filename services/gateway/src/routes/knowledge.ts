import { createRoute, z } from '@hono/zod-openapi';
import { Edition } from '@saeq/electrical-code';
import { KnowledgeSource } from '@saeq/knowledge';
import { knowledgeBaseArticle, searchKnowledgeBase } from '@saeq/knowledge/store';
import { AppError } from '@saeq/shared/errors';
import type { GatewayDeps } from '../deps.ts';
import { jsonResponse, notFound, problems, router, scoped } from '../openapi/route-kit.ts';

export const KnowledgeSearchQuery = z.strictObject({
  /** Words in French or English, or a rule number ("8-200", "26-704"). */
  // No NUL: Postgres text cannot hold it (the query would fail as a 500, not a 400).
  q: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .refine((text) => !text.includes('\u0000'), {
      error: 'caractère NUL interdit / NUL character not allowed',
    }),
  source: KnowledgeSource.optional(),
  /** Entries of that code edition and entries tied to none. */
  edition: Edition.optional(),
  limit: z.coerce.number().int().min(1).max(50).default(10),
});

const KnowledgeHit = z.object({
  id: z.string(),
  source: KnowledgeSource,
  reference: z.string(),
  edition: Edition.nullable(),
  title: z.string(),
  summary: z.string(),
  score: z.number(),
  url: z.string().nullable(),
});
const KnowledgeResults = z.object({ results: z.array(KnowledgeHit) }).openapi('KnowledgeResults');

const Text = z.object({ fr: z.string(), en: z.string() });
const KnowledgeArticle = z
  .object({
    id: z.string(),
    source: KnowledgeSource,
    reference: z.string(),
    edition: Edition.nullable(),
    title: Text,
    summary: Text,
    keywords: z.array(z.string()),
    relatedRuleIds: z.array(z.string()),
    url: z.string().nullable(),
  })
  .openapi('KnowledgeArticle');

/** `{entryId}`, not `{id}`: an entry of the global knowledge base, not an organisation's resource. */
// Entry ids are slugs ("hq-e21-10"); anything else (a NUL byte, which Postgres cannot even take
// as text) is a 400, not a query.
const ArticleParam = z.object({
  entryId: z
    .string()
    .min(1)
    .max(100)
    .regex(/^[A-Za-z0-9._-]+$/),
});

const tags = ['knowledge'];

const search = createRoute({
  method: 'get',
  path: '/search',
  summary:
    'Search the norms knowledge base (CEQ ch. V, RSST, RBQ, certification marks, Hydro-Québec E.21-10) in French or English; title and summary in the request language',
  tags,
  ...scoped('calc'),
  request: { query: KnowledgeSearchQuery },
  responses: { 200: jsonResponse('Entries, best first', KnowledgeResults), ...problems },
});

const article = createRoute({
  method: 'get',
  path: '/articles/{entryId}',
  summary: 'One knowledge base entry, in both languages',
  tags,
  ...scoped('calc'),
  request: { params: ArticleParam },
  responses: { 200: jsonResponse('The entry', KnowledgeArticle), ...problems, ...notFound },
});

/**
 * `GET /v1/knowledge/search` and `GET /v1/knowledge/articles/{id}`: what an entry is about and
 * what to cite (`reference`). Summaries are ours, not the code text; "aide à la vérification".
 */
export function knowledgeRoutes(deps: GatewayDeps) {
  const app = router();
  app.openapi(search, async (c) => {
    const { q, source, edition, limit } = c.req.valid('query');
    const hits = await searchKnowledgeBase(deps.db.db, { q, source, edition, limit, lang: c.get('lang') });
    return c.json(
      {
        results: hits.map((h) => ({
          ...h,
          source: h.source as KnowledgeSource,
          edition: h.edition as Edition | null,
        })),
      },
      200,
    );
  });
  app.openapi(article, async (c) => {
    const found = await knowledgeBaseArticle(deps.db.db, c.req.valid('param').entryId);
    if (!found) {
      throw new AppError('not_found', {
        detail: {
          fr: 'Aucune entrée de la base de connaissances porte cet identifiant.',
          en: 'No knowledge base entry has this id.',
        },
      });
    }
    return c.json(
      { ...found, source: found.source as KnowledgeSource, edition: found.edition as Edition | null },
      200,
    );
  });
  return app;
}
