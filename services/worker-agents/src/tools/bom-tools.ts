import {
  BomInputError,
  BomItem,
  buildBom,
  type Catalog,
  type CatalogItem,
  catalogForPricing,
  centsToDollars,
  defaultCatalog,
  netUnitPriceCents,
  pickText,
} from '@saeq/bom';
import { findPricingSource } from '@saeq/shared/catalogs';
import { PlanAnalysis } from '@saeq/shared/contracts/plan-analysis';
import { z } from 'zod';
import { completedStageResult, inLang, PlanRef, planForTool } from './plan-tools.ts';
import { type AgentTool, defineTool, notFound, type ToolContext, ToolFailure } from './tool.ts';

export type Pricing = {
  catalog: Catalog;
  catalogId: string | null;
  catalogName: string;
  labourRateCents: number;
};

/**
 * The prices a BOM uses, chosen as worker-bom chooses them (one rule, `findPricingSource`). Only
 * the run's organisation's catalogues are visible: another organisation's id is "not found".
 */
export async function pricingFor(
  ctx: ToolContext,
  opts: { catalogId?: string | undefined; labourRateCents?: number | undefined },
): Promise<Pricing> {
  const source = await findPricingSource(ctx.db, ctx.organisationId, {
    ...opts,
    defaultLabourRateCents: ctx.defaultLabourRateCents,
  });
  if (source.requestedMissing) {
    throw notFound({
      fr: `Catalogue introuvable : ${opts.catalogId}.`,
      en: `Catalogue not found: ${opts.catalogId}.`,
    });
  }
  const catalog = catalogForPricing(source.catalog);
  return {
    catalog,
    catalogId: source.catalog?.id ?? null,
    catalogName: source.catalog?.name ?? catalog.source,
    labourRateCents: source.labourRateCents,
  };
}

export const bomGetTool: AgentTool = defineTool({
  name: 'bom_get',
  description:
    "Bordereau de matériel déjà produit pour un plan de l'organisation (le plan joint si planId est omis) : lignes (code, description, quantité, unité, prix unitaire, heures de main-d'œuvre, total), sous-total, TPS, TVQ, total et hypothèses, en dollars canadiens. Erreur stage_not_ready s'il n'est pas encore produit : utiliser alors bom_generate.",
  input: PlanRef,
  async run(input, ctx) {
    const plan = await planForTool(ctx, input.planId);
    // The JSON body of GET /v1/plans/{id}/bom in the run's language.
    return inLang(await completedStageResult(ctx.db, plan, 'bom'), ctx.lang);
  },
});

export const BomGenerateInput = z.strictObject({
  /** Omitted with no items → the plan attached to the run. */
  planId: z.uuid().optional(),
  /** An item list instead of a plan (as POST /v1/boms): device types or SKUs with quantities. */
  items: z.array(BomItem).min(1).max(500).optional(),
  catalogId: z.uuid().optional(),
  /** CAD per hour, e.g. 95.5. */
  labourRate: z.number().nonnegative().max(1000).optional(),
});

export const bomGenerateTool: AgentTool = defineTool({
  name: 'bom_generate',
  description:
    "Calcule un bordereau de matériel chiffré, soit à partir de l'analyse d'un plan de l'organisation (planId, ou le plan joint), soit à partir d'une liste d'articles (items: [{type, quantity}] ou [{sku, quantity}]). Prix du catalogue de l'organisation (catalogId ou catalogue par défaut), sinon catalogue indicatif de SAEQ ; taux horaire labourRate en $/h (sinon celui de l'organisation). Le résultat n'est pas enregistré.",
  input: BomGenerateInput,
  async run(input, ctx) {
    const pricing = await pricingFor(ctx, {
      catalogId: input.catalogId,
      labourRateCents: input.labourRate === undefined ? undefined : Math.round(input.labourRate * 100),
    });
    const source = input.items
      ? { items: input.items }
      : {
          analysis: PlanAnalysis.parse(
            await completedStageResult(ctx.db, await planForTool(ctx, input.planId), 'analysis'),
          ),
        };
    try {
      // What worker-bom stores for the same input, in the run's language (not saved here).
      return buildBom({
        ...source,
        catalog: pricing.catalog,
        fallbackCatalog: defaultCatalog,
        labourRateCents: pricing.labourRateCents,
        lang: ctx.lang,
      });
    } catch (err) {
      if (err instanceof BomInputError) {
        throw new ToolFailure('bom_invalid', { fr: err.message, en: err.message });
      }
      throw err;
    }
  },
});

export const CatalogSearchInput = z.strictObject({
  /** Words matched against code, description, category, manufacturer and catalogue number. */
  query: z.string().trim().min(1).max(200),
  catalogId: z.uuid().optional(),
  limit: z.number().int().min(1).max(50).optional(),
});

const normalize = (text: string): string =>
  text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase();

/**
 * Catalogue items matching the query, best first: items containing every word, then items
 * containing the most words. Accents and case are ignored.
 */
export function searchCatalog(items: readonly CatalogItem[], query: string, limit: number): CatalogItem[] {
  const terms = normalize(query)
    .split(/[\s,;]+/)
    .filter((term) => term.length > 0);
  const scored = items
    .map((item, index) => {
      const haystack = normalize(
        [
          item.sku,
          item.description.fr,
          item.description.en,
          item.category,
          item.manufacturer,
          item.catalogNumber,
        ].join(' '),
      );
      return { item, index, score: terms.filter((term) => haystack.includes(term)).length };
    })
    .filter((entry) => entry.score > 0)
    .sort((a, b) => b.score - a.score || a.index - b.index);
  return scored.slice(0, limit).map((entry) => entry.item);
}

export const catalogSearchTool: AgentTool = defineTool({
  name: 'catalog_search',
  description:
    "Recherche d'articles dans le catalogue de prix de l'organisation (catalogId, sinon son catalogue par défaut, sinon le catalogue indicatif de SAEQ) par mots-clés en français ou en anglais (p. ex. « NMD90 14/2 », « disjoncteur 15 A »). Renvoie code, description, catégorie, unité de vente, prix de liste et prix net en $ CA, escompte et heures de main-d'œuvre.",
  input: CatalogSearchInput,
  async run(input, ctx) {
    const pricing = await pricingFor(ctx, { catalogId: input.catalogId, labourRateCents: 0 });
    const found = searchCatalog(pricing.catalog.items, input.query, input.limit ?? 10);
    return {
      catalog: {
        id: pricing.catalogId,
        name: pricing.catalogName,
        priceDate: pricing.catalog.priceDate,
        currency: pricing.catalog.currency,
        indicative: pricing.catalog.indicative,
      },
      items: found.map((item) => ({
        sku: item.sku,
        description: pickText(item.description, ctx.lang),
        category: item.category,
        unit: item.unit,
        packageSize: item.packageSize,
        listPrice: centsToDollars(item.unitPriceCents),
        discountPct: item.discountPct,
        netPrice: centsToDollars(netUnitPriceCents(item)),
        labourHours: item.labourHours,
        manufacturer: item.manufacturer,
        catalogNumber: item.catalogNumber,
      })),
      matched: found.length,
    };
  },
});

export const bomTools: AgentTool[] = [bomGetTool, bomGenerateTool, catalogSearchTool];
