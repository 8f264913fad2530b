import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { parseCatalogCsv } from './catalog-csv.ts';

const utf8 = (text: string) => new TextEncoder().encode(text);

function expectOk(result: ReturnType<typeof parseCatalogCsv>) {
  if (!result.ok) throw new Error(`expected ok, got ${JSON.stringify(result.errors)}`);
  return result;
}

function expectErrors(result: ReturnType<typeof parseCatalogCsv>) {
  if (result.ok) throw new Error('expected errors');
  expect(result).not.toHaveProperty('items');
  return result.errors;
}

describe('parseCatalogCsv', () => {
  it('imports a good English comma-separated file', () => {
    const csv = [
      'SKU,Description,Category,Unit,Package size,Unit price,Discount %,Manufacturer,Catalog number,Labour hours,Labour difficult',
      'NMD-14-2,"NMD90 14/2, 75 m roll",cable,roll,75,129.00,35,Southwire,NMD90-14/2-75M,0.03,0.045',
      'REC-15,TR duplex 15 A,wiring devices,each,,3.29,,Leviton,T5320,0.2,',
      'STAPLES,Cable staples,fasteners,box of 100,,"1,234.50",0,,,,',
    ].join('\r\n');
    const result = expectOk(parseCatalogCsv(utf8(csv)));
    expect(result.separator).toBe(',');
    expect(result.encoding).toBe('utf-8');
    expect(result.items).toEqual([
      {
        sku: 'NMD-14-2',
        description: { fr: 'NMD90 14/2, 75 m roll', en: 'NMD90 14/2, 75 m roll' },
        category: 'cable',
        unit: 'roll',
        packageSize: 75,
        unitPriceCents: 12_900,
        discountPct: 35,
        manufacturer: 'Southwire',
        catalogNumber: 'NMD90-14/2-75M',
        labourHours: { normal: 0.03, difficult: 0.045 },
      },
      {
        sku: 'REC-15',
        description: { fr: 'TR duplex 15 A', en: 'TR duplex 15 A' },
        category: 'wiring_device',
        unit: 'each',
        packageSize: 1,
        unitPriceCents: 329,
        discountPct: 0,
        manufacturer: 'Leviton',
        catalogNumber: 'T5320',
        labourHours: { normal: 0.2, difficult: 0.2 },
      },
      {
        sku: 'STAPLES',
        description: { fr: 'Cable staples', en: 'Cable staples' },
        category: 'fastener',
        unit: 'box',
        packageSize: 100,
        unitPriceCents: 123_450,
        discountPct: 0,
        manufacturer: '',
        catalogNumber: '',
        labourHours: { normal: 0, difficult: 0 },
      },
    ]);
  });

  it('imports a French semicolon file with BOM, decimal commas and grouped thousands', () => {
    const csv =
      "\uFEFFNo d'article;Désignation;Description EN;Catégorie;Unité;Format;Prix unitaire;Escompte;Fabricant;No catalogue;Heures;Heures difficiles\n" +
      'PAN-200;Panneau 200 A 40 circuits;Load centre 200 A;Panneaux;ch;;1 234,56 $;12,5 %;Siemens;;6,5;9,75\n' +
      'MAR-J;Marrettes jaunes;Yellow connectors;Connecteurs;boîte de 100;;14,99;;;;0;\n';
    const result = expectOk(parseCatalogCsv(utf8(csv)));
    expect(result.separator).toBe(';');
    expect(result.items[0]).toMatchObject({
      sku: 'PAN-200',
      description: { fr: 'Panneau 200 A 40 circuits', en: 'Load centre 200 A' },
      category: 'panel',
      unit: 'each',
      unitPriceCents: 123_456,
      discountPct: 12.5,
      manufacturer: 'Siemens',
      labourHours: { normal: 6.5, difficult: 9.75 },
    });
    expect(result.items[1]).toMatchObject({
      unit: 'box',
      packageSize: 100,
      unitPriceCents: 1_499,
      category: 'connector',
    });
  });

  it('detects a Windows-1252 file and keeps its accents', () => {
    const text =
      'Code;Désignation;Catégorie;Unité;Prix;Main-d’œuvre (h)\r\n' +
      'BTE-OCT;Boîte octogonale coupe-vapeur;Boîtes;ch;7,49;0,27\r\n' +
      'PLQ;Plaque décorative à 2 éléments « Decora »;Plaques;ch;3,99;0,04\r\n';
    const bytes = new Uint8Array(iconv.encode(text, 'win1252'));
    // The é of "Désignation" alone (0xE9) is not valid UTF-8: the file must be read as cp1252.
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow();
    const result = expectOk(parseCatalogCsv(bytes));
    expect(result.encoding).toBe('windows-1252');
    expect(
      result.items.map((i) => [i.sku, i.description.fr, i.category, i.unitPriceCents, i.labourHours.normal]),
    ).toEqual([
      ['BTE-OCT', 'Boîte octogonale coupe-vapeur', 'box', 749, 0.27],
      ['PLQ', 'Plaque décorative à 2 éléments « Decora »', 'plate', 399, 0.04],
    ]);
  });

  it('reads quoted fields with separators, doubled quotes and line breaks, keeping line numbers', () => {
    const csv = [
      'sku;description;unit;price',
      'A;"Boîte 4"" carrée; profonde";ch;6,29',
      'B;"Deux',
      'lignes";ch;1,00',
      'C;;ch;1,00',
    ].join('\n');
    const errors = expectErrors(parseCatalogCsv(utf8(csv)));
    // Record C starts on physical line 5, because B's description spans lines 3–4.
    expect(errors).toEqual([{ line: 5, column: 'description', columnIndex: 2, message: expect.any(Object) }]);
    const good = expectOk(parseCatalogCsv(utf8(csv.replace('C;;', 'C;Troisième;'))));
    expect(good.items.map((i) => i.description.fr)).toEqual([
      'Boîte 4" carrée; profonde',
      'Deux\nlignes',
      'Troisième',
    ]);
  });

  it('reports every bad row with its line and column, and imports nothing', () => {
    const csv = [
      'SKU;Description;Unité;Format;Prix;Escompte;Heures',
      'OK-1;Bon article;ch;;1,00;;0,1',
      ';Sans SKU;ch;;1,00;;',
      'BAD-UNIT;Unité inconnue;douzaine;;1,00;;',
      'BAD-PRICE;Prix à trois décimales;m;;1,995;;',
      'BAD-ROLL;Rouleau sans format;rouleau;;129,00;;',
      'BAD-DISC;Escompte trop grand;ch;;5,00;120;',
      'OK-1;Doublon;ch;;1,00;;',
      'BAD-H;Heures négatives;ch;;1,00;;-1',
    ].join('\r\n');
    const errors = expectErrors(parseCatalogCsv(utf8(csv)));
    expect(errors.map((e) => [e.line, e.column, e.columnIndex])).toEqual([
      [3, 'SKU', 1],
      [4, 'Unité', 3],
      [5, 'Prix', 5],
      [6, 'Format', 4],
      [7, 'Escompte', 6],
      [8, 'SKU', 1],
      [9, 'Heures', 7],
    ]);
    expect(errors[5]?.message.fr).toContain('ligne 2');
    expect(errors[2]?.message).toEqual({
      fr: expect.stringContaining('Prix invalide « 1,995 »'),
      en: expect.stringContaining('Invalid price "1,995"'),
    });
  });

  it('names missing required columns on the header line', () => {
    const errors = expectErrors(parseCatalogCsv(utf8('code,fabricant\nA,B\n')));
    expect(errors.map((e) => [e.line, e.column])).toEqual([
      [1, 'description'],
      [1, 'unité'],
      [1, 'prix unitaire'],
    ]);
  });

  it('fails cleanly on an unterminated quote and on an empty file', () => {
    expect(expectErrors(parseCatalogCsv(utf8('sku,description,unit,price\nA,"oops,each,1\n')))[0]?.line).toBe(
      2,
    );
    expect(expectErrors(parseCatalogCsv(utf8('sku,description,unit,price\n')))[0]?.message.en).toContain(
      'no data rows',
    );
  });

  it('honours an explicit encoding and separator', () => {
    const bytes = new Uint8Array(
      iconv.encode('sku,désignation,unité,prix\nA,Élément,ch,"2,50"\n', 'win1252'),
    );
    const result = expectOk(parseCatalogCsv(bytes, { encoding: 'windows-1252', separator: ',' }));
    expect(result.items[0]).toMatchObject({ description: { fr: 'Élément' }, unitPriceCents: 250 });
  });
});
