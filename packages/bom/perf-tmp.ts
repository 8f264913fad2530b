import { buildBom, defaultCatalog, type Catalog } from './src/index.ts';
import { analysisOf, page } from './src/testing/fixtures.ts';
const catalog: Catalog = { ...defaultCatalog, items: [...defaultCatalog.items, ...Array.from({ length: 5000 - defaultCatalog.items.length }, (_, i) => ({ ...defaultCatalog.items[0]!, sku: `F-${i}` }))] };
const types = ['receptacle', 'switch', 'luminaire_recessed', 'smoke_detector', 'baseboard_heater', 'switch_3way', 'thermostat'];
const symbols: any[] = [['panel', 0, 0, null, null]];
for (let i = 0; i < 10000; i++) symbols.push([types[i % types.length], (i * 37) % 1200, (i * 53) % 790, `Pièce ${i % 40}`, i % 3 === 0 ? `C-${i % 60}` : null]);
const a1 = analysisOf([page(1, 0.02, symbols)]);
const a2 = analysisOf([page(1, null, symbols)]);
for (let k = 0; k < 4; k++) {
 let t = performance.now(); buildBom({ analysis: a2, catalog, labourRateCents: 9500 }); const noScale = performance.now() - t;
 t = performance.now(); buildBom({ analysis: a1, catalog, labourRateCents: 9500 }); const scale = performance.now() - t;
 t = performance.now(); buildBom({ catalog: defaultCatalog, labourRateCents: 9500 }); const empty = performance.now() - t;
 console.log('noScale', noScale.toFixed(1), 'scale', scale.toFixed(1), 'empty small catalog', empty.toFixed(1));
}
