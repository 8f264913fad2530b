import type { PageRegistration } from '@saeq/shared/contracts/plan-comparison';

/** A point that can anchor a registration: a symbol's centre with its device type as label. */
export type Anchor = { label: string; x: number; y: number };

/** Similarity transform revised → base: p' = s·R(θ)·p + t. */
export type Similarity = { scale: number; rotationRad: number; tx: number; ty: number };

export const IDENTITY: Similarity = { scale: 1, rotationRad: 0, tx: 0, ty: 0 };

export function applySimilarity(t: Similarity, x: number, y: number): [number, number] {
  const c = t.scale * Math.cos(t.rotationRad);
  const s = t.scale * Math.sin(t.rotationRad);
  return [c * x - s * y + t.tx, s * x + c * y + t.ty];
}

export type RegisterOptions = {
  /** A transformed anchor within this distance of a base anchor of its label agrees (points). */
  inlierTolerancePt: number;
  /** Re-plots differ by a few percent and a degree or two at most: hypotheses outside are dropped. */
  maxScaleDeviation: number;
  maxRotationDeg: number;
};

/** Bounds the work on pages where every anchor has many look-alikes (forty receptacles). */
const MAX_HYPOTHESES = 3000;

const DEFAULTS: RegisterOptions = { inlierTolerancePt: 4, maxScaleDeviation: 0.1, maxRotationDeg: 5 };

/** Least-squares similarity taking `from[i]` onto `to[i]` (2-D Umeyama, no reflection). */
export function fitSimilarity(
  from: readonly [number, number][],
  to: readonly [number, number][],
): Similarity {
  const n = from.length;
  let fx = 0;
  let fy = 0;
  let gx = 0;
  let gy = 0;
  for (let i = 0; i < n; i++) {
    fx += (from[i] as [number, number])[0];
    fy += (from[i] as [number, number])[1];
    gx += (to[i] as [number, number])[0];
    gy += (to[i] as [number, number])[1];
  }
  fx /= n;
  fy /= n;
  gx /= n;
  gy /= n;
  let a = 0; // Σ (u·u')
  let b = 0; // Σ (u × u')
  let norm = 0;
  for (let i = 0; i < n; i++) {
    const [px, py] = from[i] as [number, number];
    const [qx, qy] = to[i] as [number, number];
    const ux = px - fx;
    const uy = py - fy;
    const vx = qx - gx;
    const vy = qy - gy;
    a += ux * vx + uy * vy;
    b += ux * vy - uy * vx;
    norm += ux * ux + uy * uy;
  }
  if (norm === 0) return { scale: 1, rotationRad: 0, tx: gx - fx, ty: gy - fy };
  const rotationRad = Math.atan2(b, a);
  const scale = Math.hypot(a, b) / norm;
  const c = scale * Math.cos(rotationRad);
  const s = scale * Math.sin(rotationRad);
  return { scale, rotationRad, tx: gx - (c * fx - s * fy), ty: gy - (s * fx + c * fy) };
}

/** Base anchors of each label, for nearest-neighbour look-ups. */
function byLabel(anchors: readonly Anchor[]): Map<string, Anchor[]> {
  const out = new Map<string, Anchor[]>();
  for (const a of anchors) {
    const list = out.get(a.label) ?? [];
    list.push(a);
    out.set(a.label, list);
  }
  return out;
}

type Inliers = { pairs: [Anchor, Anchor][]; sumSq: number };

/** Revised anchors that land within tolerance of a base anchor of their label (each base used once, nearest first). */
function inliersOf(
  t: Similarity,
  revised: readonly Anchor[],
  base: Map<string, Anchor[]>,
  tol: number,
): Inliers {
  const candidates: { r: Anchor; b: Anchor; d: number }[] = [];
  for (const r of revised) {
    const [x, y] = applySimilarity(t, r.x, r.y);
    for (const b of base.get(r.label) ?? []) {
      const d = Math.hypot(b.x - x, b.y - y);
      if (d <= tol) candidates.push({ r, b, d });
    }
  }
  candidates.sort((p, q) => p.d - q.d);
  const usedR = new Set<Anchor>();
  const usedB = new Set<Anchor>();
  const pairs: [Anchor, Anchor][] = [];
  let sumSq = 0;
  for (const c of candidates) {
    if (usedR.has(c.r) || usedB.has(c.b)) continue;
    usedR.add(c.r);
    usedB.add(c.b);
    pairs.push([c.r, c.b]);
    sumSq += c.d * c.d;
  }
  return { pairs, sumSq };
}

function better(a: Inliers, b: Inliers | null): boolean {
  if (b === null) return true;
  if (a.pairs.length !== b.pairs.length) return a.pairs.length > b.pairs.length;
  return a.sumSq < b.sumSq;
}

/**
 * Registers a revised page onto its base page from matched anchors (symbol centres labelled by
 * type): hypotheses come from pairs of anchors of the rarest labels (a panel, a smoke detector
 * pins the sheet better than one of forty receptacles), the best-supported one is refined by
 * least squares on its inliers. The identity and the page-box mapping are always candidates, so
 * an unchanged page registers to the identity. Deterministic; cost about O(h · n²) for h
 * hypotheses and n anchors. Falls back to the page boxes when fewer than 3 anchors agree.
 */
export function registerPage(
  base: { anchors: readonly Anchor[]; widthPt: number; heightPt: number },
  revised: { anchors: readonly Anchor[]; widthPt: number; heightPt: number },
  options: Partial<RegisterOptions> = {},
): { transform: Similarity; registration: PageRegistration } {
  const opts = { ...DEFAULTS, ...options };
  const baseIndex = byLabel(base.anchors);
  const revisedIndex = byLabel(revised.anchors);
  const pageSize: Similarity = {
    scale: Math.sqrt((base.widthPt * base.heightPt) / (revised.widthPt * revised.heightPt)),
    rotationRad: 0,
    tx: 0,
    ty: 0,
  };
  let best: { t: Similarity; inl: Inliers } | null = null;
  const consider = (t: Similarity) => {
    if (Math.abs(t.scale - 1) > opts.maxScaleDeviation) return;
    if (Math.abs((t.rotationRad * 180) / Math.PI) > opts.maxRotationDeg) return;
    const inl = inliersOf(t, revised.anchors, baseIndex, opts.inlierTolerancePt);
    if (better(inl, best?.inl ?? null)) best = { t, inl };
  };
  consider(IDENTITY);
  consider(pageSize);

  // Hypotheses: two base anchors far apart, taken from the rarest labels shared by both pages.
  const labels = [...baseIndex.keys()]
    .filter((l) => revisedIndex.has(l))
    .sort(
      (a, b) =>
        (baseIndex.get(a)?.length ?? 0) * (revisedIndex.get(a)?.length ?? 0) -
        (baseIndex.get(b)?.length ?? 0) * (revisedIndex.get(b)?.length ?? 0),
    );
  const seeds: Anchor[] = [];
  for (const l of labels) {
    for (const a of baseIndex.get(l) ?? []) seeds.push(a);
    if (seeds.length >= 12) break;
  }
  const diag = Math.hypot(base.widthPt, base.heightPt);
  let tried = 0;
  for (let i = 0; i < seeds.length; i++) {
    for (let j = i + 1; j < seeds.length; j++) {
      const p1 = seeds[i] as Anchor;
      const p2 = seeds[j] as Anchor;
      const dp = Math.hypot(p2.x - p1.x, p2.y - p1.y);
      if (dp < 0.05 * diag) continue;
      for (const q1 of revisedIndex.get(p1.label) ?? []) {
        for (const q2 of revisedIndex.get(p2.label) ?? []) {
          if (q1 === q2) continue;
          const dq = Math.hypot(q2.x - q1.x, q2.y - q1.y);
          if (dq === 0 || Math.abs(dp / dq - 1) > opts.maxScaleDeviation) continue;
          const turn = Math.atan2(p2.y - p1.y, p2.x - p1.x) - Math.atan2(q2.y - q1.y, q2.x - q1.x);
          const turnDeg = Math.abs((((((turn * 180) / Math.PI + 540) % 360) + 360) % 360) - 180);
          if (turnDeg > opts.maxRotationDeg) continue;
          if (++tried > MAX_HYPOTHESES) break;
          consider(
            fitSimilarity(
              [
                [q1.x, q1.y],
                [q2.x, q2.y],
              ],
              [
                [p1.x, p1.y],
                [p2.x, p2.y],
              ],
            ),
          );
        }
      }
    }
  }

  let chosen = best as { t: Similarity; inl: Inliers } | null;
  if (chosen === null || chosen.inl.pairs.length < 3) {
    return {
      transform: pageSize,
      registration: toRegistration(pageSize, { pairs: [], sumSq: 0 }, 'page-size'),
    };
  }
  // Refine on the inliers (twice: the refined transform may gain the anchors near the tolerance);
  // an exact fit (the identity on an unchanged page) is kept as it is.
  for (let k = 0; k < 2 && chosen.inl.sumSq > 0; k++) {
    const fitted = fitSimilarity(
      chosen.inl.pairs.map(([r]) => [r.x, r.y]),
      chosen.inl.pairs.map(([, b]) => [b.x, b.y]),
    );
    const inl = inliersOf(fitted, revised.anchors, baseIndex, opts.inlierTolerancePt);
    if (inl.pairs.length >= chosen.inl.pairs.length) chosen = { t: fitted, inl };
  }
  const isIdentity = chosen.t === IDENTITY;
  return {
    transform: chosen.t,
    registration: toRegistration(chosen.t, chosen.inl, isIdentity ? 'identity' : 'anchors'),
  };
}

function toRegistration(t: Similarity, inl: Inliers, method: PageRegistration['method']): PageRegistration {
  const round = (v: number, d: number) => Math.round(v * 10 ** d) / 10 ** d;
  return {
    scale: round(t.scale, 6),
    rotationDeg: round((t.rotationRad * 180) / Math.PI, 4),
    tx: round(t.tx, 3),
    ty: round(t.ty, 3),
    inliers: inl.pairs.length,
    residualPt: inl.pairs.length === 0 ? 0 : round(Math.sqrt(inl.sumSq / inl.pairs.length), 3),
    method,
  };
}
