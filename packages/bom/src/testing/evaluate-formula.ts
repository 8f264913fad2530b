/**
 * A small evaluator for the formulas the XLSX export writes (cell references, ranges, cross-sheet
 * references, + - * /, SUM and ROUND), so tests can check that what Excel would recalculate
 * agrees with the cached values. ROUND follows Excel: half away from zero, on the value rounded
 * to 15 significant digits (Excel's display precision, which hides binary representation error).
 */

export type CellLookup = (sheet: string, address: string) => number | { formula: string } | null;

function columnIndex(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

function columnLetters(index: number): string {
  let s = '';
  let n = index;
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

export function excelRound(value: number, digits: number): number {
  const factor = 10 ** digits;
  const scaled = Number((Math.abs(value) * factor).toPrecision(15));
  return (Math.sign(value) * Math.round(scaled)) / factor;
}

export function evaluateFormula(formula: string, sheet: string, lookup: CellLookup, depth = 0): number {
  if (depth > 50) throw new Error('formula nesting too deep');
  const tokens = formula.match(/'[^']*(?:''[^']*)*'!|\$?[A-Z]+\$?\d+|\d+(?:\.\d+)?|[A-Z]+(?=\()|[-+*/(),:]/g);
  if (tokens === null) throw new Error(`cannot tokenise ${formula}`);
  let i = 0;
  const peek = () => tokens[i];
  const next = () => {
    const t = tokens[i++];
    if (t === undefined) throw new Error(`unexpected end of ${formula}`);
    return t;
  };

  const cellValue = (targetSheet: string, address: string): number => {
    const v = lookup(targetSheet, address);
    if (v === null) return 0;
    if (typeof v === 'number') return v;
    return evaluateFormula(v.formula, targetSheet, lookup, depth + 1);
  };

  const reference = (): number[] => {
    let targetSheet = sheet;
    let t = next();
    if (t.endsWith('!')) {
      targetSheet = t.slice(1, -2).replace(/''/g, "'");
      t = next();
    }
    const start = t.replace(/\$/g, '');
    if (peek() !== ':') return [cellValue(targetSheet, start)];
    next();
    const end = next().replace(/\$/g, '');
    const [, c1 = '', r1 = '0'] = /^([A-Z]+)(\d+)$/.exec(start) ?? [];
    const [, c2 = '', r2 = '0'] = /^([A-Z]+)(\d+)$/.exec(end) ?? [];
    const values: number[] = [];
    for (let c = columnIndex(c1); c <= columnIndex(c2); c++) {
      for (let r = Number(r1); r <= Number(r2); r++)
        values.push(cellValue(targetSheet, `${columnLetters(c)}${r}`));
    }
    return values;
  };

  const args = (): number[][] => {
    const list: number[][] = [];
    if (next() !== '(') throw new Error('expected (');
    for (;;) {
      const t = peek();
      if (t !== undefined && (/^\$?[A-Z]+\$?\d+$/.test(t) || t.endsWith('!'))) {
        const save = i;
        const values = reference();
        if (peek() === ',' || peek() === ')') list.push(values);
        else {
          i = save;
          list.push([expression()]);
        }
      } else list.push([expression()]);
      const sep = next();
      if (sep === ')') return list;
      if (sep !== ',') throw new Error(`expected , or ) in ${formula}`);
    }
  };

  const factor = (): number => {
    const t = peek();
    if (t === undefined) throw new Error(`unexpected end of ${formula}`);
    if (t === '-') {
      next();
      return -factor();
    }
    if (t === '(') {
      next();
      const v = expression();
      next();
      return v;
    }
    if (/^\d/.test(t)) return Number(next());
    if (t === 'SUM' || t === 'ROUND') {
      next();
      const list = args();
      if (t === 'SUM') return list.flat().reduce((a, b) => a + b, 0);
      const [[value = 0] = [], [digits = 0] = []] = list;
      return excelRound(value, digits);
    }
    const values = reference();
    return values[0] ?? 0;
  };

  const term = (): number => {
    let v = factor();
    while (peek() === '*' || peek() === '/') v = next() === '*' ? v * factor() : v / factor();
    return v;
  };

  function expression(): number {
    let v = term();
    while (peek() === '+' || peek() === '-') v = next() === '+' ? v + term() : v - term();
    return v;
  }

  const result = expression();
  if (i !== tokens.length) throw new Error(`trailing tokens in ${formula}`);
  return result;
}
