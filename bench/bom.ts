import {
  type BomItem,
  bomToCsv,
  bomToXlsx,
  buildBom,
  type Catalog,
  type CatalogItem,
  defaultAssemblies,
  defaultCatalog,
} from '../packages/bom/src/index.ts';
import { type BenchRow, durationRow, isMain, markdownTable, median } from './report.ts';

/**
 * Bills of materials at scale (issue 10): `buildBom` for 10 000 devices (one item-list entry
 * each, spread over 200 rooms, plus 2 000 catalogue SKUs) priced from a 5 000-item catalogue,
 * and its XLSX export. Baselines in the same run: for buildBom, the bare aggregation of the same
 * items (assemblies expanded, quantities summed per SKU, priced from a Map) — the work any BOM
 * must do, without packaging, waste, labour, taxes, rooms and both languages; for XLSX, the CSV
 * export of the same BOM.
 *
 *   node --import tsx bench/bom.ts [--devices 10000] [--catalogue 5000] [--rounds 5]
 */

export function largeCatalog(size: number): Catalog {
  const extra: CatalogItem[] = [];
  for (let i = defaultCatalog.items.length; i < size; i++) {
    extra.push({
      sku: `SYN-${String(i).padStart(5, '0')}`,
      description: { fr: `Article synthétique ${i}`, en: `Synthetic item ${i}` },
      category: ['wiring_device', 'box', 'connector', 'lighting', 'misc'][i % 5] ?? 'misc',
      unit: 'each',
      packageSize: 1,
      unitPriceCents: 100 + ((i * 37) % 20_000),
      discountPct: i % 4 === 0 ? 12.5 : 0,
      manufacturer: 'Fabricant',
      catalogNumber: `CAT-${i}`,
      labourHours: { normal: 0.1 + (i % 5) / 20, difficult: 0.2 + (i % 5) / 10 },
    } as CatalogItem);
  }
  return { ...defaultCatalog, items: [...defaultCatalog.items, ...extra] };
}

export function largeItemList(devices: number, catalogue: Catalog): BomItem[] {
  const types = [
    'receptacle',
    'receptacle_gfci',
    'switch',
    'switch_3way',
    'luminaire',
    'luminaire_recessed',
    'smoke_detector',
    'co_detector',
    'exhaust_fan',
    'baseboard_heater',
    'thermostat',
    'data_outlet',
  ];
  const items: BomItem[] = [];
  for (let i = 0; i < devices; i++)
    items.push({ type: types[i % types.length] ?? 'receptacle', quantity: 1, room: `Pièce ${i % 200}` });
  const synthetic = catalogue.items.filter((it) => it.sku.startsWith('SYN-'));
  for (let i = 0; i < 2000 && synthetic.length > 0; i++)
    items.push({ sku: synthetic[(i * 7) % synthetic.length]?.sku ?? 'SYN-00110', quantity: 1 + (i % 3) });
  return items;
}

/** The minimal work of any BOM: expand assemblies, sum per SKU, multiply by the unit price. */
function bareAggregation(items: readonly BomItem[], catalogue: Catalog): number {
  const prices = new Map(catalogue.items.map((it) => [it.sku, it.unitPriceCents]));
  const quantities = new Map<string, number>();
  for (const item of items) {
    if ('sku' in item) {
      quantities.set(item.sku, (quantities.get(item.sku) ?? 0) + item.quantity);
      continue;
    }
    for (const c of defaultAssemblies.devices[item.type]?.components ?? [])
      quantities.set(c.sku, (quantities.get(c.sku) ?? 0) + c.quantity * item.quantity);
  }
  let total = 0;
  for (const [sku, q] of quantities) total += q * (prices.get(sku) ?? 0);
  return total;
}

async function timeOf(fn: () => unknown, rounds: number): Promise<number> {
  const times: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const started = performance.now();
    await fn();
    times.push(performance.now() - started);
  }
  return median(times);
}

export async function benchBom(
  opts: { devices?: number | undefined; catalogue?: number | undefined; rounds?: number | undefined } = {},
): Promise<BenchRow[]> {
  const devices = opts.devices ?? 10_000;
  const size = opts.catalogue ?? 5000;
  const rounds = opts.rounds ?? 5;
  const catalogue = largeCatalog(size);
  const items = largeItemList(devices, catalogue);
  const input = { items, catalog: catalogue, labourRateCents: 9500, lang: 'fr' as const };
  // Warm the JIT on the same input once.
  const bom = buildBom(input);
  bareAggregation(items, catalogue);
  const build = await timeOf(() => buildBom(input), rounds);
  const bare = await timeOf(() => bareAggregation(items, catalogue), rounds);
  await bomToXlsx(bom);
  const xlsx = await timeOf(() => bomToXlsx(bom), rounds);
  const csv = await timeOf(() => bomToCsv(bom), rounds);
  const label = `${devices.toLocaleString('en-US').replace(/,/g, ' ')} devices + 2 000 SKUs, ${size.toLocaleString('en-US').replace(/,/g, ' ')}-item catalogue, ${bom.lines.length} lines`;
  return [
    durationRow('bom', `buildBom — ${label}`, build, bare, { baselineLabel: 'bare aggregation' }),
    durationRow(
      'bom',
      `XLSX export — same BOM (${bom.lines.length} lines, ${Object.keys(bom.byRoom).length} rooms)`,
      xlsx,
      csv,
      {
        baselineLabel: 'CSV export',
      },
    ),
  ];
}

if (isMain(import.meta.url)) {
  const arg = (name: string) => {
    const i = process.argv.indexOf(name);
    return i > 0 ? Number(process.argv[i + 1]) : undefined;
  };
  const rows = await benchBom({
    devices: arg('--devices'),
    catalogue: arg('--catalogue'),
    rounds: arg('--rounds'),
  });
  console.log(markdownTable(rows));
  process.exit(0);
}
