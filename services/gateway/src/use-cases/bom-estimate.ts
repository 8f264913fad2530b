import { type Bom, bomToPdf } from '@saeq/bom';
import type { StoredBom } from '@saeq/shared/contracts/stored-results';
import { type Db, organisations, type Plan } from '@saeq/shared/db';
import type { Lang } from '@saeq/shared/i18n';
import { eq } from 'drizzle-orm';
import type { GatewayDeps } from '../deps.ts';
import { inLang } from './stored-results.ts';

export const pdfType = 'application/pdf';

/** What the estimate is about: a plan (its name is the project), or an item-list BOM. */
export type EstimateSubject = { kind: 'plan'; plan: Plan } | { kind: 'bom'; bomId: string };

async function organisationName(db: Db, organisationId: string): Promise<string> {
  const rows = await db
    .select({ name: organisations.name })
    .from(organisations)
    .where(eq(organisations.id, organisationId));
  return rows[0]?.name ?? '';
}

/**
 * The "Soumission" / "Estimate" PDF of a stored BOM, in the request's language: rendered on
 * request by the pure `bomToPdf` (the organisation's name, the plan and today's date are only
 * known here, and rendering takes tens of milliseconds), dated by `deps.now()`.
 */
export async function bomEstimatePdf(
  deps: Pick<GatewayDeps, 'db' | 'env' | 'now'>,
  organisationId: string,
  stored: StoredBom,
  subject: EstimateSubject,
  lang: Lang,
): Promise<{ body: Uint8Array; contentType: string; filename: string }> {
  const bom = inLang(stored, lang) as unknown as Bom;
  const organisation = await organisationName(deps.db.db, organisationId);
  const pages = (n: number | null) => (n === null ? '' : `, ${n} p.`);
  const body = await bomToPdf(bom, {
    lang,
    organisation,
    ...(subject.kind === 'plan'
      ? {
          project: subject.plan.name,
          plan: `${subject.plan.filename}${pages(subject.plan.pages)}, CEQ ${subject.plan.edition}`,
          reference: `${lang === 'fr' ? 'SOUM' : 'EST'}-${subject.plan.id.slice(0, 8)}`,
        }
      : {
          project: lang === 'fr' ? 'Bordereau sans plan' : 'BOM without a plan',
          plan: null,
          reference: `${lang === 'fr' ? 'SOUM' : 'EST'}-${subject.bomId.slice(0, 8)}`,
        }),
    issuedAt: deps.now(),
    validityDays: deps.env.ESTIMATE_VALIDITY_DAYS,
  });
  const id = subject.kind === 'plan' ? subject.plan.id : subject.bomId;
  return {
    body,
    contentType: pdfType,
    filename: `${lang === 'fr' ? 'soumission' : 'estimate'}-${id.slice(0, 8)}.pdf`,
  };
}
