/**
 * Drawing scales and the notes that print them.
 *
 * One PDF point is 1/72 inch of paper, i.e. 0.0254 / 72 m = 0.000352777… m on paper.
 * - Metric ratio 1:N: one paper metre is N real metres, so metresPerPoint = N · 0.0254 / 72.
 *   1:50 → 50 · 0.0254 / 72 = 0.0176388… m/pt; 1:100 → 0.0352777… m/pt.
 * - Imperial a/b" = 1'-0": a/b paper inch stands for 12 real inches, so one paper inch is
 *   12 · b / a real inches and the equivalent ratio is N = 12 · b / a (1/4" → 48, 1/8" → 96,
 *   3/16" → 64). One point is 1/72 paper inch → (1/72) · (12 · b / a) real inches
 *   → × 0.0254 m/in: metresPerPoint = (12 · b / a) · 0.0254 / 72.
 *   1/4"=1'-0" → 48 · 0.0254 / 72 = 0.016933… m/pt.
 */
export type DrawingScale =
  | { readonly kind: 'metric'; readonly ratio: number }
  | { readonly kind: 'imperial'; readonly num: number; readonly den: number };

export const METRES_PER_PAPER_POINT = 0.0254 / 72;

/** Real length represented by one paper unit, as the "N" of 1:N. */
export function scaleRatio(scale: DrawingScale): number {
  return scale.kind === 'metric' ? scale.ratio : (12 * scale.den) / scale.num;
}

/** Real-world metres per PDF point for a drawing scale (see the module comment). */
export function metresPerPoint(scale: DrawingScale): number {
  return scaleRatio(scale) * METRES_PER_PAPER_POINT;
}

/** Paper points per real metre (the inverse of metresPerPoint). */
export function pointsPerMetre(scale: DrawingScale): number {
  return 1 / metresPerPoint(scale);
}

export const METRIC_SCALES: readonly DrawingScale[] = [20, 25, 50, 75, 100, 150, 200].map(
  (ratio) => ({ kind: 'metric', ratio }) as const,
);

export const IMPERIAL_SCALES: readonly DrawingScale[] = (
  [
    [1, 2],
    [3, 8],
    [1, 4],
    [3, 16],
    [1, 8],
    [1, 16],
  ] as const
).map(([num, den]) => ({ kind: 'imperial', num, den }) as const);

/** Printed forms of a scale note, indexed by `form`; each contains the scale value once. */
export function scaleNoteText(scale: DrawingScale, form: number, language: 'fr' | 'en'): string {
  if (scale.kind === 'metric') {
    const n = scale.ratio;
    const forms =
      language === 'fr'
        ? [`ÉCHELLE 1:${n}`, `ÉCH. 1:${n}`, `ÉCHELLE : 1:${n}`, `Échelle 1:${n}`]
        : [`SCALE 1:${n}`, `SCALE: 1:${n}`, `SCALE = 1:${n}`, `Scale 1:${n}`];
    return forms[form % forms.length] ?? forms[0] ?? '';
  }
  const frac = `${scale.num}/${scale.den}"`;
  const forms =
    language === 'fr'
      ? [`ÉCHELLE : ${frac} = 1'-0"`, `ÉCH. ${frac}=1'-0"`, `${frac} = 1'-0"`, `ÉCHELLE ${frac} = 1'0"`]
      : [`SCALE: ${frac}=1'-0"`, `${frac} = 1'-0"`, `SCALE ${frac} = 1'-0"`, `SCALE: ${frac} = 1'0"`];
  return forms[form % forms.length] ?? forms[0] ?? '';
}

/** "Not to scale" notes; a sheet carrying only one of these has `scale: null` in the truth. */
export function noScaleText(form: number, language: 'fr' | 'en'): string {
  const forms =
    language === 'fr' ? ['SANS ÉCHELLE', 'ÉCHELLE : AUCUNE'] : ['NOT TO SCALE', 'SCALE: NONE', 'N.T.S.'];
  return forms[form % forms.length] ?? '';
}

/** Length in metres printed as a dimension string: "3 600" (mm) or 11'-9 1/2" (feet-inches). */
export function dimensionText(metres: number, scale: DrawingScale | null): string {
  if (scale?.kind === 'imperial') {
    const totalHalfInches = Math.round((metres / 0.0254) * 2);
    const feet = Math.floor(totalHalfInches / 24);
    const rest = totalHalfInches - feet * 24;
    const inches = Math.floor(rest / 2);
    return `${feet}'-${inches}${rest % 2 === 1 ? ' 1/2' : ''}"`;
  }
  const mm = Math.round(metres * 1000);
  return mm >= 10000 ? `${Math.floor(mm / 1000)} ${String(mm % 1000).padStart(3, '0')}` : String(mm);
}
