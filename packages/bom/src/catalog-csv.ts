import { CatalogItem, KnownCategory, type Unit } from './catalog.ts';
import { type CsvSeparator, decodeText, decodeWindows1252, detectSeparator, parseCsv } from './csv.ts';
import type { LocalizedText } from './localized-text.ts';
import { parseCad, parseScaledInt, toCents } from './money.ts';

/**
 * Import of a contractor's price file (`POST /v1/catalogs`).
 *
 * Accepted: UTF-8 (with or without BOM) or Windows-1252 (detected: bytes that are not valid UTF-8),
 * comma, semicolon or tab separator (detected from the header), quoted fields, decimal comma or
 * point ("12,50", "1 234,56", "12.50", "1 234,56 $"), French or English headers in any order.
 *
 * Columns (header aliases, case and accents ignored):
 * - required: SKU (sku, code, no d'article …), description (description, désignation, or
 *   description fr / description en), unit (unité, unit, UM: ch, m, pi, rouleau, boîte … — "rouleau
 *   75 m" and "boîte de 25" also give the package size), price (prix, prix unitaire, price …);
 * - optional: category (catégorie), package size (format, emballage), discount % (escompte,
 *   remise), manufacturer (fabricant), catalogue number (no catalogue), labour hours per base unit
 *   (heures, main-d'œuvre, labour hours; "heures difficiles" for the difficult column, which
 *   defaults to the normal one).
 * Validation is row by row; any error returns only the errors (line and column named), so
 * nothing is ever partially imported.
 */

export interface CatalogCsvError {
  /** Physical line in the file (1 = header). */
  line: number;
  /** The column as headed in the file, or the expected column name when it is missing. */
  column: string;
  /** 1-based column index, null when the column is missing. */
  columnIndex: number | null;
  message: LocalizedText;
}

export type CatalogCsvResult =
  | {
      ok: true;
      items: CatalogItem[];
      encoding: 'utf-8' | 'windows-1252' | 'utf-16le';
      separator: CsvSeparator;
      /** Headers that matched no known column (their values are ignored). */
      ignoredColumns: string[];
    }
  | { ok: false; errors: CatalogCsvError[] };

export interface CatalogCsvOptions {
  encoding?: 'auto' | 'utf-8' | 'windows-1252';
  separator?: 'auto' | CsvSeparator;
  /** Stop collecting errors after this many (default 500). */
  maxErrors?: number;
  /** Refuse files with more data rows than this (default 50 000). */
  maxRows?: number;
}

type Field =
  | 'sku'
  | 'description'
  | 'descriptionFr'
  | 'descriptionEn'
  | 'category'
  | 'unit'
  | 'packageSize'
  | 'price'
  | 'discount'
  | 'manufacturer'
  | 'catalogNumber'
  | 'labourNormal'
  | 'labourDifficult';

/** Header aliases, already normalised (see `normaliseHeader`). */
const HEADER_ALIASES: Record<Field, readonly string[]> = {
  sku: [
    'sku',
    'code',
    'code produit',
    'code article',
    'no d article',
    'n d article',
    'no article',
    'numero d article',
    'article',
    'item',
    'item no',
    'item number',
    'part number',
  ],
  description: ['description', 'desc'],
  descriptionFr: [
    'description fr',
    'description francais',
    'description francaise',
    'designation',
    'designation fr',
    'libelle',
    'french description',
  ],
  descriptionEn: [
    'description en',
    'description anglais',
    'description anglaise',
    'english description',
    'description english',
    'designation en',
  ],
  category: ['categorie', 'category', 'famille', 'groupe', 'group'],
  unit: ['unite', 'unit', 'um', 'u m', 'unite de mesure', 'uom', 'unit of measure'],
  packageSize: [
    'format',
    'emballage',
    'conditionnement',
    'qte par emballage',
    'quantite par emballage',
    'package size',
    'pack size',
    'package',
    'contenu',
  ],
  price: [
    'prix',
    'prix unitaire',
    'price',
    'unit price',
    'prix liste',
    'prix de liste',
    'list price',
    'cout',
    'cost',
    'prix cad',
    'price cad',
  ],
  discount: ['escompte', 'remise', 'rabais', 'discount', 'escompte pct', 'discount pct'],
  manufacturer: ['fabricant', 'manufacturier', 'manufacturer', 'marque', 'brand', 'mfr'],
  catalogNumber: [
    'no catalogue',
    'n catalogue',
    'no de catalogue',
    'numero de catalogue',
    'catalogue',
    'catalog number',
    'catalogue number',
    'catalog no',
    'cat no',
    'no cat',
  ],
  labourNormal: [
    'heures',
    'heures normales',
    'heures normal',
    'main d oeuvre',
    'main d oeuvre normale',
    'mo',
    'mo normale',
    'h normales',
    'heures mo',
    'heures main d oeuvre',
    'labour',
    'labor',
    'labour hours',
    'labor hours',
    'labour normal',
    'labor normal',
    'hours',
    'normal hours',
    'labour hours normal',
    'labor hours normal',
  ],
  labourDifficult: [
    'heures difficiles',
    'heures difficile',
    'main d oeuvre difficile',
    'mo difficile',
    'h difficiles',
    'labour difficult',
    'labor difficult',
    'difficult hours',
    'labour hours difficult',
    'labor hours difficult',
  ],
};

/** Expected-column names for "missing column" errors. */
const FIELD_NAMES: Record<Field, LocalizedText> = {
  sku: { fr: "SKU / no d'article", en: 'SKU' },
  description: { fr: 'description', en: 'description' },
  descriptionFr: { fr: 'description fr', en: 'description fr' },
  descriptionEn: { fr: 'description en', en: 'description en' },
  category: { fr: 'catégorie', en: 'category' },
  unit: { fr: 'unité', en: 'unit' },
  packageSize: { fr: 'format', en: 'package size' },
  price: { fr: 'prix unitaire', en: 'unit price' },
  discount: { fr: 'escompte', en: 'discount' },
  manufacturer: { fr: 'fabricant', en: 'manufacturer' },
  catalogNumber: { fr: 'no catalogue', en: 'catalog number' },
  labourNormal: { fr: "heures de main-d'œuvre", en: 'labour hours' },
  labourDifficult: { fr: 'heures difficiles', en: 'difficult labour hours' },
};

const UNIT_ALIASES: Record<string, Unit> = {
  each: 'each',
  ea: 'each',
  ch: 'each',
  chacun: 'each',
  unite: 'each',
  un: 'each',
  u: 'each',
  pce: 'each',
  piece: 'each',
  pc: 'each',
  m: 'm',
  metre: 'm',
  metres: 'm',
  meter: 'm',
  ml: 'm',
  ft: 'ft',
  pi: 'ft',
  pied: 'ft',
  pieds: 'ft',
  foot: 'ft',
  feet: 'ft',
  roll: 'roll',
  rouleau: 'roll',
  rlx: 'roll',
  rl: 'roll',
  bobine: 'roll',
  box: 'box',
  boite: 'box',
  bte: 'box',
  bt: 'box',
  bx: 'box',
  paquet: 'box',
  pqt: 'box',
  pack: 'box',
};

const CATEGORY_ALIASES: Record<string, KnownCategory> = {
  cable: 'cable',
  cables: 'cable',
  fil: 'cable',
  fils: 'cable',
  wire: 'cable',
  boite: 'box',
  boites: 'box',
  'boites et anneaux': 'box',
  boxes: 'box',
  dispositif: 'wiring_device',
  dispositifs: 'wiring_device',
  'prises et interrupteurs': 'wiring_device',
  'wiring devices': 'wiring_device',
  plaque: 'plate',
  plaques: 'plate',
  'plaques murales': 'plate',
  plates: 'plate',
  eclairage: 'lighting',
  luminaires: 'lighting',
  avertisseurs: 'life_safety',
  chauffage: 'heating',
  disjoncteur: 'breaker',
  disjoncteurs: 'breaker',
  breakers: 'breaker',
  panneau: 'panel',
  panneaux: 'panel',
  panels: 'panel',
  'entree electrique': 'service',
  connecteur: 'connector',
  connecteurs: 'connector',
  connectors: 'connector',
  attaches: 'fastener',
  fixations: 'fastener',
  fasteners: 'fastener',
  conduits: 'conduit',
  raccord: 'fitting',
  raccords: 'fitting',
  fittings: 'fitting',
  'mise a la terre': 'grounding',
  divers: 'other',
};

const messages = {
  unreadable: (line: number): LocalizedText => ({
    fr: `Guillemet non fermé à partir de la ligne ${line}.`,
    en: `Unterminated quoted field starting on line ${line}.`,
  }),
  empty: { fr: 'Le fichier ne contient aucune ligne de données.', en: 'The file contains no data rows.' },
  tooManyRows: (max: number): LocalizedText => ({
    fr: `Le fichier dépasse ${max} lignes.`,
    en: `The file has more than ${max} rows.`,
  }),
  missingColumn: (name: LocalizedText): LocalizedText => ({
    fr: `Colonne obligatoire absente : ${name.fr}.`,
    en: `Required column missing: ${name.en}.`,
  }),
  duplicateColumn: (first: string): LocalizedText => ({
    fr: `Cette colonne a le même sens que « ${first} ».`,
    en: `This column means the same as "${first}".`,
  }),
  required: { fr: 'Valeur obligatoire.', en: 'Value required.' },
  tooLong: { fr: 'Texte trop long (64 caractères au plus).', en: 'Text too long (64 characters at most).' },
  duplicateSku: (line: number): LocalizedText => ({
    fr: `SKU en double (déjà à la ligne ${line}).`,
    en: `Duplicate SKU (already on line ${line}).`,
  }),
  extraFields: { fr: 'Plus de valeurs que de colonnes.', en: 'More values than columns.' },
  unit: (value: string): LocalizedText => ({
    fr: `Unité inconnue « ${value} » (ch, m, pi, rouleau, boîte).`,
    en: `Unknown unit "${value}" (each, m, ft, roll, box).`,
  }),
  packageSize: {
    fr: 'Format invalide : nombre entier positif attendu.',
    en: 'Invalid package size: a positive whole number is expected.',
  },
  packageSizeRequired: {
    fr: 'Format obligatoire pour un rouleau ou une boîte (p. ex. 75 pour un rouleau de 75 m).',
    en: 'Package size required for a roll or a box (e.g. 75 for a 75 m roll).',
  },
  packageSizeUnexpected: {
    fr: 'Un format autre que 1 exige l’unité rouleau ou boîte.',
    en: 'A package size other than 1 requires the unit roll or box.',
  },
  price: (value: string): LocalizedText => ({
    fr: `Prix invalide « ${value} » : montant positif avec au plus 2 décimales attendu (p. ex. 12,50).`,
    en: `Invalid price "${value}": a positive amount with at most 2 decimals is expected (e.g. 12.50).`,
  }),
  discount: (value: string): LocalizedText => ({
    fr: `Escompte invalide « ${value} » : pourcentage entre 0 et 100 attendu.`,
    en: `Invalid discount "${value}": a percentage between 0 and 100 is expected.`,
  }),
  hours: (value: string): LocalizedText => ({
    fr: `Heures invalides « ${value} » : nombre positif avec au plus 4 décimales attendu.`,
    en: `Invalid hours "${value}": a positive number with at most 4 decimals is expected.`,
  }),
  invalid: (detail: string): LocalizedText => ({
    fr: `Valeur invalide : ${detail}.`,
    en: `Invalid value: ${detail}.`,
  }),
};

/** Lower case, accents removed, ligatures expanded, punctuation collapsed to single spaces. */
function normaliseHeader(text: string): string {
  return text
    .toLowerCase()
    .replace(/œ/g, 'oe')
    .replace(/æ/g, 'ae')
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .replace(/%/g, ' pct ')
    .replace(/\$/g, ' ')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

const FIELD_BY_ALIAS = new Map<string, Field>();
for (const [field, aliases] of Object.entries(HEADER_ALIASES) as Array<[Field, readonly string[]]>) {
  for (const alias of aliases) FIELD_BY_ALIAS.set(alias, field);
}

function fieldOfHeader(header: string): Field | undefined {
  const normalised = normaliseHeader(header);
  // Trailing unit marks such as "(h)", "($)", "(%)" do not change the meaning.
  return FIELD_BY_ALIAS.get(normalised) ?? FIELD_BY_ALIAS.get(normalised.replace(/ (h|pct|cad)$/, ''));
}

/** "rouleau 75 m", "roll of 75 m", "boîte de 25", "bte 100" → unit and package size. */
function parseUnit(text: string): { unit: Unit; packageSize: number | null } | null {
  const normalised = normaliseHeader(text);
  const direct = UNIT_ALIASES[normalised];
  if (direct !== undefined) return { unit: direct, packageSize: null };
  const match = /^([a-z]+)(?: (?:de|of))? ([0-9]+)(?: (?:m|ch|pce|un|pieces?|pcs?))?$/.exec(normalised);
  const unit = match?.[1] === undefined ? undefined : UNIT_ALIASES[match[1]];
  if (match === null || (unit !== 'roll' && unit !== 'box')) return null;
  return { unit, packageSize: Number(match[2]) };
}

function categoryOf(text: string): string {
  if (text === '') return 'other';
  const normalised = normaliseHeader(text);
  const known = KnownCategory.safeParse(normalised.replace(/ /g, '_'));
  if (known.success) return known.data;
  return CATEGORY_ALIASES[normalised] ?? text;
}

/** Decodes the bytes as asked, or detects the encoding. */
function decode(bytes: Uint8Array, encoding: CatalogCsvOptions['encoding']) {
  if (encoding === 'windows-1252') {
    return { text: decodeWindows1252(bytes), encoding: 'windows-1252' as const };
  }
  if (encoding === 'utf-8') {
    const start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
    return { text: new TextDecoder('utf-8').decode(bytes.subarray(start)), encoding: 'utf-8' as const };
  }
  return decodeText(bytes);
}

/**
 * Parses and validates a catalogue CSV. Never throws on bad content: returns every error found
 * (up to `maxErrors`), each naming the line and the column, and no items; or all items.
 */
export function parseCatalogCsv(bytes: Uint8Array, opts: CatalogCsvOptions = {}): CatalogCsvResult {
  const maxErrors = opts.maxErrors ?? 500;
  const maxRows = opts.maxRows ?? 50_000;
  const { text, encoding } = decode(bytes, opts.encoding ?? 'auto');
  const separator =
    opts.separator === undefined || opts.separator === 'auto' ? detectSeparator(text) : opts.separator;
  const parsed = parseCsv(text, separator);
  if (!parsed.ok) {
    return {
      ok: false,
      errors: [
        { line: parsed.line, column: '', columnIndex: null, message: messages.unreadable(parsed.line) },
      ],
    };
  }
  const [header, ...rows] = parsed.records.filter((r) => r.fields.some((f) => f.trim() !== ''));
  if (header === undefined || rows.length === 0) {
    return {
      ok: false,
      errors: [{ line: header?.line ?? 1, column: '', columnIndex: null, message: messages.empty }],
    };
  }
  if (rows.length > maxRows) {
    return {
      ok: false,
      errors: [{ line: header.line, column: '', columnIndex: null, message: messages.tooManyRows(maxRows) }],
    };
  }

  const errors: CatalogCsvError[] = [];
  const columns = new Map<Field, number>();
  const ignoredColumns: string[] = [];
  header.fields.forEach((name, index) => {
    const field = fieldOfHeader(name);
    if (field === undefined) {
      if (name.trim() !== '') ignoredColumns.push(name.trim());
      return;
    }
    const existing = columns.get(field);
    if (existing !== undefined) {
      errors.push({
        line: header.line,
        column: name.trim(),
        columnIndex: index + 1,
        message: messages.duplicateColumn(header.fields[existing]?.trim() ?? ''),
      });
      return;
    }
    columns.set(field, index);
  });
  const requireColumn = (field: Field, alternatives: Field[] = []) => {
    if (columns.has(field) || alternatives.some((a) => columns.has(a))) return;
    errors.push({
      line: header.line,
      column: FIELD_NAMES[field].fr,
      columnIndex: null,
      message: messages.missingColumn(FIELD_NAMES[field]),
    });
  };
  requireColumn('sku');
  requireColumn('description', ['descriptionFr', 'descriptionEn']);
  requireColumn('unit');
  requireColumn('price');
  if (errors.length > 0) return { ok: false, errors };

  const items: CatalogItem[] = [];
  const skuLines = new Map<string, number>();
  for (const row of rows) {
    if (errors.length >= maxErrors) break;
    const rowErrors: CatalogCsvError[] = [];
    const fail = (field: Field, message: LocalizedText) => {
      const index = columns.get(field);
      rowErrors.push({
        line: row.line,
        column: index === undefined ? FIELD_NAMES[field].fr : (header.fields[index]?.trim() ?? ''),
        columnIndex: index === undefined ? null : index + 1,
        message,
      });
    };
    const cell = (field: Field): string => {
      const index = columns.get(field);
      return index === undefined ? '' : (row.fields[index] ?? '').trim();
    };
    if (row.fields.slice(header.fields.length).some((f) => f.trim() !== '')) {
      rowErrors.push({
        line: row.line,
        column: '',
        columnIndex: header.fields.length + 1,
        message: messages.extraFields,
      });
    }

    const sku = cell('sku');
    if (sku === '') fail('sku', messages.required);
    else if (sku.length > 64) fail('sku', messages.tooLong);
    else {
      const firstLine = skuLines.get(sku);
      if (firstLine !== undefined) fail('sku', messages.duplicateSku(firstLine));
      else skuLines.set(sku, row.line);
    }

    const plain = cell('description');
    const fr = cell('descriptionFr') || plain || cell('descriptionEn');
    const en = cell('descriptionEn') || plain || cell('descriptionFr');
    if (fr === '')
      fail(
        columns.has('description')
          ? 'description'
          : columns.has('descriptionFr')
            ? 'descriptionFr'
            : 'descriptionEn',
        messages.required,
      );

    const unitText = cell('unit');
    const unit = unitText === '' ? null : parseUnit(unitText);
    if (unitText === '') fail('unit', messages.required);
    else if (unit === null) fail('unit', messages.unit(unitText));

    let packageSize = unit?.packageSize ?? null;
    const sizeText = cell('packageSize');
    if (sizeText !== '') {
      const size = parseScaledInt(sizeText.replace(/[a-zA-Z]+\.?$/, ''), 0);
      if (size === null || size <= 0) fail('packageSize', messages.packageSize);
      else packageSize = size;
    }
    if (unit !== null) {
      const packaged = unit.unit === 'roll' || unit.unit === 'box';
      if (packaged && packageSize === null)
        fail(columns.has('packageSize') ? 'packageSize' : 'unit', messages.packageSizeRequired);
      if (!packaged && packageSize !== null && packageSize !== 1)
        fail('packageSize', messages.packageSizeUnexpected);
    }

    const priceText = cell('price');
    const price = priceText === '' ? null : parseCad(priceText);
    if (priceText === '') fail('price', messages.required);
    else if (price === null || price < 0) fail('price', messages.price(priceText));

    const discountText = cell('discount').replace(/%$/, '').trim();
    const discountBp = discountText === '' ? 0 : parseScaledInt(discountText, 2);
    if (discountBp === null || discountBp < 0 || discountBp > 10_000)
      fail('discount', messages.discount(cell('discount')));

    const hours = (field: Field): number | null => {
      const value = cell(field).replace(/\s*h$/i, '');
      if (value === '') return null;
      const e4 = parseScaledInt(value, 4);
      if (e4 === null || e4 < 0 || e4 > 10_000_000) {
        fail(field, messages.hours(cell(field)));
        return null;
      }
      return e4 / 10_000;
    };
    const normal = hours('labourNormal') ?? 0;
    const difficult = hours('labourDifficult') ?? normal;

    if (rowErrors.length === 0 && unit !== null && price !== null && discountBp !== null) {
      const candidate = CatalogItem.safeParse({
        sku,
        description: { fr, en },
        category: categoryOf(cell('category')),
        unit: unit.unit,
        packageSize: packageSize ?? 1,
        unitPriceCents: toCents(price),
        discountPct: discountBp / 100,
        manufacturer: cell('manufacturer'),
        catalogNumber: cell('catalogNumber'),
        labourHours: { normal, difficult },
      });
      if (candidate.success) items.push(candidate.data);
      else
        for (const issue of candidate.error.issues)
          rowErrors.push({
            line: row.line,
            column: issue.path.join('.'),
            columnIndex: null,
            message: messages.invalid(issue.message),
          });
    }
    errors.push(...rowErrors);
  }
  if (errors.length > 0) return { ok: false, errors: errors.slice(0, maxErrors) };
  return { ok: true, items, encoding, separator, ignoredColumns };
}
