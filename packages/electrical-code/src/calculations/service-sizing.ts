import { z } from 'zod';
import type { Edition } from '../editions.ts';
import { formatA } from '../format.ts';
import type { Lang } from '../lang.ts';
import type { Messages } from '../messages/index.ts';
import type { Worksheet } from '../steps.ts';
import { nextStandardRating } from '../tables/overcurrent.ts';
import {
  ServiceConductorTable,
  standardServiceRating,
  table39Conductors,
  tableConductorFor,
} from '../tables/service-sizes.ts';
import { refsFor } from './rule-refs.ts';

/** The service or feeder conductors for the service size, per material (null: not tabulated). */
export const ServiceConductor = z.object({
  copper: z.string().nullable(),
  aluminum: z.string().nullable(),
  /** `39`: CEC Table 39 (single dwelling, 4-004 23)); `2/4`: Table 2 (Cu) / Table 4 (Al), 75 °C. */
  table: ServiceConductorTable,
});
export type ServiceConductor = z.infer<typeof ServiceConductor>;

/** Result fields shared by `dwelling-load` and `apartment-load`. */
export const serviceSizingShape = {
  minimumOvercurrentA: z.number().nullable().meta({
    description: 'Smallest standard overcurrent rating (Table 13 series) ≥ currentA, A; null above 600 A.',
  }),
  serviceRatingA: z.number().nullable().meta({
    deprecated: true,
    description:
      'Deprecated (kept one release): same value as minimumOvercurrentA — a breaker rating, not a service size. Use minimumOvercurrentA and serviceSizeA.',
  }),
  serviceSizeA: z.number().nullable().meta({
    description:
      'Smallest standard service rating ≥ currentA: 60, 100, 125, 200, 400 (the 320/400 A class), 600, 800 … 4000 A. Hydro-Québec’s Norme E.21-10 governs the service entrance.',
  }),
  serviceConductor: ServiceConductor.nullable().meta({
    description:
      'Service or feeder conductors for serviceSizeA: Table 39 (single dwelling) or Tables 2/4 at 75 °C.',
  }),
};

export type ServiceSizing = {
  minimumOvercurrentA: number | null;
  serviceRatingA: number | null;
  serviceSizeA: number | null;
  serviceConductor: ServiceConductor | null;
};

/**
 * From the calculated current: the minimum overcurrent rating, the standard service size and its
 * conductors — Table 39 (`useTable39`: a single dwelling's 3-wire service, 75 °C terminations)
 * or Tables 2/4 at 75 °C sized for the service rating. Writes the steps and assumptions
 * (including the Hydro-Québec E.21-10 check). Pure.
 */
export function sizeService(
  currentA: number,
  ctx: {
    edition: Edition;
    lang: Lang;
    m: Messages;
    ws: Worksheet;
    /** The rule whose calculated load the service must carry (8-200 1), 8-202 1) or 3)). */
    serviceRef: string;
    useTable39: boolean;
  },
): ServiceSizing {
  const { edition, lang, m, ws } = ctx;
  const refs = refsFor(edition);
  const a = (value: number) => formatA(value, lang);

  const minimumOvercurrentA = nextStandardRating(currentA) ?? null;
  // Table 13 is named in the request's language, like the ampacity tables ("Tableau 13").
  if (minimumOvercurrentA !== null) ws.step(m.table('13'), m.minimumOvercurrent, a(minimumOvercurrentA));
  const serviceSizeA = standardServiceRating(currentA) ?? null;
  if (serviceSizeA === null) {
    ws.assume(m.assumeServiceTooLarge);
    return { minimumOvercurrentA, serviceRatingA: minimumOvercurrentA, serviceSizeA, serviceConductor: null };
  }
  ws.step(ctx.serviceRef, m.serviceSize, m.serviceSizeValue(serviceSizeA, a(serviceSizeA)));

  const row39 = ctx.useTable39 ? table39Conductors(edition, serviceSizeA) : undefined;
  let serviceConductor: ServiceConductor;
  if (row39) {
    serviceConductor = { copper: row39.copper, aluminum: row39.aluminum, table: '39' };
    ws.assume(m.assumeTable39);
    ws.step(
      refs.serviceTable39,
      m.serviceConductor39(a(serviceSizeA)),
      `${row39.copper} Cu / ${row39.aluminum} Al`,
    );
  } else {
    const copper = tableConductorFor(edition, 'copper', serviceSizeA) ?? null;
    const aluminum = tableConductorFor(edition, 'aluminum', serviceSizeA) ?? null;
    serviceConductor = { copper, aluminum, table: '2/4' };
    ws.assume(m.assumeServiceConductorTables);
    if (copper?.includes('×') || aluminum?.includes('×')) ws.assume(m.assumeParallelSets);
    ws.step(
      refs.serviceConductorTables,
      m.serviceConductor24(a(serviceSizeA)),
      `${copper ?? '—'} Cu / ${aluminum ?? '—'} Al`,
    );
  }
  ws.assume(m.assumeHydroQuebec);
  return { minimumOvercurrentA, serviceRatingA: minimumOvercurrentA, serviceSizeA, serviceConductor };
}
