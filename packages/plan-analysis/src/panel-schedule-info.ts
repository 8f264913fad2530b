import { normalizeText } from './vocabulary.ts';

// IEC wording: a "distribution board" (DB), a UK "consumer unit" (CU) in dwellings.
const PANEL_WORD =
  /\b(panneau|panel|panelboard|tableau|load cent(?:re|er)|distribution board|consumer unit)\b/g;
const FILLER = new Set([
  'schedule',
  'schedules',
  'horaire',
  'de',
  'du',
  'des',
  'distribution',
  'no',
  'no.',
  'n°',
  'nº',
  'electrique',
  'electrical',
  'board',
  'consumer',
  'unit',
  'panneau',
  'panel',
  'panelboard',
  'tableau',
  'name',
  'nom',
  'designation',
  'id',
  ':',
  '-',
  '–',
  '—',
  '#',
]);

/**
 * The panel's name in a title: the first token after "PANNEAU"/"PANEL"/"TABLEAU" that is not a
 * filler word ("Panel schedule - C" → "C", "HORAIRE DU PANNEAU P1" → "P1", "PANEL: LP-1" → "LP-1").
 */
export function panelNameIn(normalised: string): string | null {
  for (const m of normalised.matchAll(PANEL_WORD)) {
    const rest = normalised.slice((m.index ?? 0) + m[0].length);
    const tokens = rest.split(/[\s:,]+/).filter((tok) => tok.length > 0);
    for (const tok of tokens) {
      const clean = tok.replace(/^[-–—#'"]+/, '').replace(/[.\-–—'"]+$/, '');
      if (clean === '' || FILLER.has(tok) || FILLER.has(clean)) continue;
      if (!/^[a-z0-9][a-z0-9\-.]*$/.test(clean)) break;
      return clean.toUpperCase();
    }
  }
  return null;
}

/** Header and footer facts of one schedule; null where the text does not say. */
export type PanelInfo = {
  name: string | null;
  voltage: string | null;
  phases: number | null;
  mainA: number | null;
  wires: number | null;
  mains: 'MLO' | 'MCB' | null;
  busA: number | null;
  aic: number | null;
  fedFrom: string | null;
  mounting: string | null;
  connectedLoadVA: number | null;
  demandLoadVA: number | null;
  matched: boolean;
};

/** "22,000" → 22000, "10 000" → 10000, "6k" → 6000, "1.5" → 1.5. */
function parseNumber(text: string): number | null {
  const t = text.replace(/\s+/g, ' ').trim();
  const k = /^(\d+(?:[.,]\d+)?)\s*k$/.exec(t);
  if (k?.[1]) return Number(k[1].replace(',', '.')) * 1000;
  if (/^\d{1,3}([, ]\d{3})+$/.test(t)) return Number(t.replace(/[, ]/g, ''));
  const n = Number(t.replace(',', '.'));
  return Number.isFinite(n) ? n : null;
}

const UPSTREAM =
  /\b(?:fed from|feed from|supply from|supplied from|fed by|source|alimente(?:e)? par|alimentation)\b\s*:?\s*/;

/**
 * Panel facts from the text around a schedule (French or English, as CAD software prints them):
 * name ("PANNEAU A", "PANEL: LP-1", "DB-GF MAIN"); voltage ("120/208V", "400V AC"); phases ("3Ø",
 * "PHASES: 3", "TRIPHASÉ", "3PH+N+E"); wires ("4W", "WIRES: 4", "3 FILS", "+N" adds the neutral);
 * mains ("MLO", "MCB", "MAIN 100A", "PRINCIPAL 200 A"); bus ("BUS: 225A", "100A BUSBARS"); AIC
 * ("A.I.C.: 22,000", "10kAIC", "6kA"); fed from; mounting; footer totals (connected / demand VA).
 * Each fact is taken from the first line that states it.
 */
export function parsePanelInfo(texts: readonly string[]): PanelInfo {
  const info: PanelInfo = {
    name: null,
    voltage: null,
    phases: null,
    mainA: null,
    wires: null,
    mains: null,
    busA: null,
    aic: null,
    fedFrom: null,
    mounting: null,
    connectedLoadVA: null,
    demandLoadVA: null,
    matched: false,
  };
  const set = <K extends keyof PanelInfo>(key: K, value: PanelInfo[K] | null | undefined) => {
    if (info[key] !== null || value === null || value === undefined) return;
    info[key] = value;
    info.matched = true;
  };
  for (const raw of texts) {
    const t = normalizeText(raw);
    const up = UPSTREAM.exec(t);
    if (up) {
      const rest = t.slice((up.index ?? 0) + up[0].length).replace(/^(panel|panneau|tableau)\s*:?\s*/, '');
      const source = /^([a-z0-9][a-z0-9\-./]*(?: main)?)/.exec(rest)?.[1];
      set('fedFrom', source ? source.toUpperCase() : null);
    }
    // The name is read outside the "fed from" clause (which names the upstream panel).
    const own = up ? t.slice(0, up.index) : t;
    set('name', panelNameIn(own) ?? dbNameIn(own));
    // "vv": OCR doubles the V of SHX text; a bare standard pair ("120/240") is a voltage even when
    // OCR put its "V" on a line of its own (nominal system voltages: CSA C235-19 table 1, IEC 60038).
    // North-American wye notation puts line-to-line first ("208Y/120V", "480Y/277 V"): the
    // voltage is written phase-to-neutral first like every other pair ("120/208 V").
    const wye = /\b(\d{3})\s*y\s*\/\s*(\d{3})\s*v?/.exec(t);
    if (wye?.[1] && wye[2]) set('voltage', `${wye[2]}/${wye[1]} V`);
    const v =
      /(\d{3}(?:\s*\/\s*\d{3})?)\s*vv?(?:olts?)?\b/.exec(t) ??
      /\bvolt(?:s|age)?\s*:?\s*(\d{3}(?:\s*\/\s*\d{3})?)\b/.exec(t) ??
      /\b(120\/240|120\/208|347\/600|277\/480|230\/400|240\/415|220\/380)\b/.exec(t);
    if (v?.[1]) set('voltage', `${v[1].replace(/\s+/g, '')} V`);
    const ph = /\b([123])\s*(?:ph\b|phases?\b|φ|ø|o\b)/.exec(t) ?? /\bphases?\s*:?\s*([123])\b/.exec(t);
    if (ph?.[1]) set('phases', Number(ph[1]));
    // IEC supplies by their poles and neutral ("400V TP&N", "230V SP&N", "3x400/230V+N+PE").
    else if (/\btp\s*&\s*n\b|\btpn\b|\b3\s*x\s*\d{3}(?:\/\d{3})?\s*v/.test(t)) set('phases', 3);
    else if (/\bsp\s*&\s*n\b|\bspn\b/.test(t)) set('phases', 1);
    else if (/\bmonophase|single[- ]phase/.test(t)) set('phases', 1);
    else if (/\btriphase|three[- ]phase/.test(t)) set('phases', 3);
    const w =
      /\b([2345])\s*(?:w|wires?|fils|conducteurs)\b/.exec(t) ?? /\b(?:wires?|fils)\s*:?\s*([2345])\b/.exec(t);
    if (w?.[1]) set('wires', Number(w[1]));
    else {
      // IEC "3PH+N+E": three lines and the neutral (the earth is not a supply conductor).
      const iec = /\b([123])\s*ph\s*\+\s*n\b/.exec(t);
      if (iec?.[1]) set('wires', Number(iec[1]) + 1);
    }
    if (/\bmlo\b|main lugs?(?: only)?\b|cosses principales/.test(t)) set('mains', 'MLO');
    else if (/\bmcb\b|main (?:circuit )?breaker\b|disjoncteur principal|disj\.? principal/.test(t))
      set('mains', 'MCB');
    // The first reading that does not run into the bus rating: on "MAINS: 225A MCB BUS: 225A"
    // the words after "MCB" lead to the bus's figure, the one before it is the main's.
    const m = [
      ...t.matchAll(
        /\b(?:principal|mains?|mcb|disj(?:oncteur)?\.? principal|main breaker|mains rating|incomer|incoming)\b[^0-9]{0,24}(\d{2,4})\s*a\b/g,
      ),
      ...t.matchAll(/\b(\d{2,4})\s*a\b[^0-9]{0,12}\b(?:principal|main|mcb)\b/g),
    ].find((c) => !/\bbus/.test(t.slice(Math.max(0, (c.index ?? 0) - 2), (c.index ?? 0) + c[0].length)));
    if (m?.[1]) {
      set('mainA', Number(m[1]));
      if (!/\bmlo\b|main lugs?/.test(t)) set('mains', 'MCB');
    }
    const bus =
      /\bbus(?:bars?)?\s*(?:rating)?\s*:?\s*(\d{2,4})\s*a\b/.exec(t) ??
      /\b(\d{2,4})\s*a\s*bus(?:bars?)?\b/.exec(t) ??
      /\bbarres?\s*(?:omnibus)?\s*:?\s*(\d{2,4})\s*a\b/.exec(t);
    if (bus?.[1]) set('busA', Number(bus[1]));
    const aic =
      /\b(?:a\.?i\.?c\.?|aic|sccr|pouvoir de coupure|p\.?d\.?c\.?)(?:\s*rating)?\s*:?\s*(\d[\d, ]*k?)\s*(a\b|ka\b)?/.exec(
        t,
      ) ??
      /\b(\d[\d,]*\s*k?)\s*a?\s*(?:a\.?i\.?c|aic)\b/.exec(t) ??
      /\b(\d{1,3}(?:[.,]\d+)?)\s*ka\b/.exec(t);
    if (aic?.[1]) {
      const raw = aic[1].trim();
      const kiloAmps = aic[2] === 'ka' || /\d\s*ka\b/.test(aic[0]);
      const n = parseNumber(raw);
      if (n !== null && n > 0) set('aic', kiloAmps && n < 1000 ? n * 1000 : n);
    }
    const mount =
      /\b(?:mounting|montage)\s*:?\s*(surface|flush|recessed|encastre|en saillie|saillie|wall mounted)\b/.exec(
        t,
      ) ?? /\b(surface|flush|recessed|wall) mounted\b/.exec(t);
    if (mount?.[1]) set('mounting', mount[1].toUpperCase());
    const connected =
      /\b(?:total )?connected(?: load)?\s*(?:\(k?va\))?\s*:?\s*(\d[\d,. ]*)\s*(k?va)?\b/.exec(t) ??
      /\bcharge (?:totale )?connectee\s*:?\s*(\d[\d,. ]*)\s*(k?va|w)?\b/.exec(t);
    if (connected?.[1]) {
      const n = parseNumber(connected[1]);
      if (n !== null) set('connectedLoadVA', connected[2] === 'kva' ? n * 1000 : n);
    }
    const demand =
      /\b(?:total )?demand(?: load)?\s*(?:\(k?va\))?\s*:?\s*(\d[\d,. ]*)\s*(k?va)?\b/.exec(t) ??
      /\bcharge (?:de )?(?:calcul|demande)\s*:?\s*(\d[\d,. ]*)\s*(k?va|w)?\b/.exec(t);
    if (demand?.[1]) {
      const n = parseNumber(demand[1]);
      if (n !== null) set('demandLoadVA', demand[2] === 'kva' ? n * 1000 : n);
    }
  }
  return info;
}

/**
 * IEC distribution-board names: "DB-GF MAIN", "DB 2", "DBM", "MAIN DB", "MAIN DB-A", "DB/1/02",
 * "DB-1.1", and the main / sub boards' own prefixes ("MSB", "MDB-01", "SUBDB-02", "SDB 3").
 */
export function dbNameIn(normalised: string): string | null {
  const m =
    /(?:^|\s)(main db(?:[-.][a-z0-9]+)?|(?:sub|s)?db[-./ ]?[a-z0-9]+(?:[-./][a-z0-9]+)*(?:-[a-z0-9]+|\s\d{1,3}[a-z]?)?(?: main)?|(?:msb|mdb|subdb|sdb)(?:[-. ][a-z0-9]+(?:[-./][a-z0-9]+)*)?)(?=$|[\s,;:)])/.exec(
      normalised,
    );
  if (!m?.[1]) return null;
  // "DB-GF 400V …": stop before the ratings; a bare number is part of the name ("DB-SUITE 3");
  // the drawing's title after it is not ("DB-GF SINGLE LINE DIAGRAM", "DB-2 SLD").
  const name = m[1]
    .replace(/\s+\d+(?:[.,/]\d+)?\s*[a-z].*$/, '')
    .replace(/[- ](?:single|sld|schedule|layout|diagram|details?)$/, '')
    .trim();
  return name.toUpperCase();
}
