import { DeviceType } from '@saeq/shared/contracts/plan-analysis';
import { describe, expect, it } from 'vitest';
import { defaultAssemblies } from './assemblies.ts';
import { Catalog, CatalogItem } from './catalog.ts';
import { defaultCatalog } from './default-catalog.ts';

describe('defaultCatalog', () => {
  it('holds at least 80 valid items with unique SKUs, dated and flagged indicative', () => {
    expect(Catalog.safeParse(defaultCatalog).success).toBe(true);
    expect(defaultCatalog.items.length).toBeGreaterThanOrEqual(80);
    expect(new Set(defaultCatalog.items.map((i) => i.sku)).size).toBe(defaultCatalog.items.length);
    expect(defaultCatalog).toMatchObject({
      priceDate: '2026-11',
      source: 'indicative Quebec retail/wholesale prices compiled by SAEQ, not a quote',
      currency: 'CAD',
      indicative: true,
    });
    for (const item of defaultCatalog.items) {
      expect(CatalogItem.safeParse(item).success, item.sku).toBe(true);
      expect(item.unitPriceCents, item.sku).toBeGreaterThan(0);
      expect(item.labourHours.difficult, item.sku).toBeGreaterThanOrEqual(item.labourHours.normal);
    }
  });

  it('covers the common Québec residential families', () => {
    const descriptions = defaultCatalog.items
      .map((i) => `${i.description.fr} | ${i.description.en}`)
      .join('\n');
    for (const needle of [
      'NMD90 14/2',
      'NMD90 14/3',
      'NMD90 12/2',
      'NMD90 12/3',
      'NMD90 10/2',
      'NMD90 10/3',
      'NMD90 8/3',
      'NMD90 6/3',
      'ACWU90',
      'TECK90',
      'octogonale',
      'carrée 4 po',
      'coupe-vapeur',
      '5-15R',
      '5-20R',
      'DDFT',
      'WR/TR',
      '14-50R',
      '14-30R',
      'trois voies',
      'quatre voies',
      'Gradateur',
      'Plaque',
      'Encastré DEL mince 4 po',
      'Encastré DEL mince 6 po',
      'extérieur',
      'Avertisseur de fumée 120 V',
      'monoxyde de carbone',
      "Ventilateur d'extraction",
      'Plinthe chauffante 500 W',
      'Plinthe chauffante 2000 W',
      'Thermostat électronique',
      'Disjoncteur unipolaire 15 A',
      'Disjoncteur bipolaire 40 A',
      'anti-arc (AFCI)',
      'Disjoncteur DDFT',
      'bimode',
      '100 A, 24 circuits',
      '200 A, 40 circuits',
      'niveau 2, 40 A',
      'Marrettes',
      'Attaches',
      'EMT',
      'PVC',
      'Tige de mise à la terre',
      'Embase de compteur',
    ]) {
      expect(descriptions, needle).toContain(needle);
    }
  });

  it('has a default assembly for every device type a plan can count (all but other)', () => {
    const missing = DeviceType.options.filter((t) => t !== 'other' && !(t in defaultAssemblies.devices));
    expect(missing).toEqual([]);
  });

  it('has every SKU the default assemblies, breaker and panel rules refer to', () => {
    const skus = new Set(defaultCatalog.items.map((i) => i.sku));
    const referenced = [
      ...Object.values(defaultAssemblies.devices).flatMap((a) => [
        ...a.components.map((c) => c.sku),
        ...(a.cable === null ? [] : [a.cable.sku, ...a.cable.perMetre.map((p) => p.sku)]),
      ]),
      ...defaultAssemblies.breakers.map((b) => b.sku),
      ...defaultAssemblies.panels.map((p) => p.sku),
    ];
    expect(referenced.filter((sku) => !skus.has(sku))).toEqual([]);
  });

  it('rejects items whose package size does not fit the unit', () => {
    const base = defaultCatalog.items[0];
    expect(CatalogItem.safeParse({ ...base, unit: 'each', packageSize: 25 }).success).toBe(false);
    expect(CatalogItem.safeParse({ ...base, unitPriceCents: 12.5 }).success).toBe(false);
    expect(CatalogItem.safeParse({ ...base, discountPct: 12.345 }).success).toBe(false);
  });
});
