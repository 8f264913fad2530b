import type { AnalysisPage, DetectedSymbol } from '@saeq/shared/contracts/plan-analysis';
import type { AssemblySet } from './assemblies.ts';

/**
 * Cable lengths from symbol positions and the drawing scale.
 *
 * Method (documented in every BOM's assumptions):
 * 1. Only pages with a scale (`metresPerPoint`) are measured; devices elsewhere get the
 *    per-device allowance of their assembly instead.
 * 2. Devices are grouped into runs: a dedicated-circuit device (range, EV charger, data outlet)
 *    is a run of its own; otherwise devices sharing a circuit number on the same page form a run;
 *    otherwise devices of the same room and the same cable form a run (unassigned devices: same
 *    page and cable).
 * 3. In each run, every device is fed from the run's centroid: branch = Manhattan distance
 *    device ↔ centroid (wiring follows joists and walls at right angles, so the rectilinear
 *    distance is the usual takeoff approximation) + one vertical drop allowance (default 2.5 m,
 *    ceiling or floor framing to the box).
 * 4. The run is fed from the panel: home run = Manhattan distance centroid ↔ the first panel
 *    symbol of the page + one drop allowance; when the page shows no panel, a fixed home-run
 *    allowance (default 15 m) is used instead.
 * Star routing from a centroid is linear in the number of devices (daisy-chaining by nearest
 * neighbour would be quadratic) and, for room-sized runs, lands close to a hand takeoff.
 */
export interface CableEstimateOptions {
  dropAllowanceM: number;
  homeRunAllowanceM: number;
}

export interface CableRun {
  sku: string;
  metres: number;
  room: string | null;
  kind: 'branch' | 'home_run';
}

export interface CableEstimate {
  /** Lengths summed per (kind, cable SKU, room): a handful of entries, however many devices. */
  runs: CableRun[];
  /** Devices measured on a scaled page, by type then room (null: no room). */
  measured: Map<string, Map<string | null, number>>;
  /** Number of runs whose home run used the fixed allowance because the page shows no panel. */
  homeRunsWithoutPanel: number;
  pagesMeasured: number;
}

interface RunGroup {
  symbols: DetectedSymbol[];
  /** Cable SKU → number of devices using it, to pick the home-run cable. */
  skuVotes: Map<string, number>;
  room: string | null;
  roomsDiffer: boolean;
}

function manhattanPoints(ax: number, ay: number, bx: number, by: number): number {
  return Math.abs(ax - bx) + Math.abs(ay - by);
}

function mostVoted(votes: Map<string, number>): string | undefined {
  let best: string | undefined;
  let bestCount = -1;
  for (const [sku, count] of votes) {
    if (count > bestCount) {
      best = sku;
      bestCount = count;
    }
  }
  return best;
}

/** Estimates branch and home-run cable for every symbol that has a cable in its assembly. */
export function estimateCableFromGeometry(
  pages: readonly AnalysisPage[],
  assemblies: AssemblySet,
  options: CableEstimateOptions,
): CableEstimate {
  const runs = new Map<string, CableRun>();
  const addRun = (sku: string, metres: number, room: string | null, kind: CableRun['kind']) => {
    const key = `${kind}\u0000${sku}\u0000${room ?? '\u0001'}`;
    const run = runs.get(key);
    if (run === undefined) runs.set(key, { sku, metres, room, kind });
    else run.metres += metres;
  };
  const measured = new Map<string, Map<string | null, number>>();
  let homeRunsWithoutPanel = 0;
  let pagesMeasured = 0;

  for (const page of pages) {
    const mpp = page.scale?.metresPerPoint;
    if (mpp === undefined) continue;
    const panel = page.symbols.find((s) => s.type === 'panel');
    const groups = new Map<string, RunGroup>();
    let dedicatedIndex = 0;
    for (const symbol of page.symbols) {
      const cable = assemblies.devices[symbol.type]?.cable;
      if (cable === undefined || cable === null) continue;
      const dedicated = assemblies.devices[symbol.type]?.dedicatedCircuit === true;
      const key = dedicated
        ? `d:${dedicatedIndex++}`
        : symbol.circuit !== null
          ? `c:${symbol.circuit}`
          : `r:${symbol.room ?? ''}\u0000${cable.sku}`;
      let group = groups.get(key);
      if (group === undefined) {
        group = { symbols: [], skuVotes: new Map(), room: symbol.room, roomsDiffer: false };
        groups.set(key, group);
      }
      // A circuit may cross rooms: its home run is then not attributed to a room.
      if (symbol.room !== group.room) group.roomsDiffer = true;
      group.symbols.push(symbol);
      group.skuVotes.set(cable.sku, (group.skuVotes.get(cable.sku) ?? 0) + 1);

      let byRoom = measured.get(symbol.type);
      if (byRoom === undefined) {
        byRoom = new Map();
        measured.set(symbol.type, byRoom);
      }
      byRoom.set(symbol.room, (byRoom.get(symbol.room) ?? 0) + 1);
    }
    if (groups.size === 0) continue;
    pagesMeasured++;

    for (const group of groups.values()) {
      let sx = 0;
      let sy = 0;
      for (const s of group.symbols) {
        sx += s.x;
        sy += s.y;
      }
      const cx = sx / group.symbols.length;
      const cy = sy / group.symbols.length;
      for (const s of group.symbols) {
        const sku = assemblies.devices[s.type]?.cable?.sku;
        if (sku === undefined) continue;
        addRun(sku, manhattanPoints(s.x, s.y, cx, cy) * mpp + options.dropAllowanceM, s.room, 'branch');
      }
      const homeRunSku = mostVoted(group.skuVotes);
      if (homeRunSku === undefined) continue;
      let metres: number;
      if (panel === undefined) {
        homeRunsWithoutPanel++;
        metres = options.homeRunAllowanceM;
      } else {
        metres = manhattanPoints(cx, cy, panel.x, panel.y) * mpp + options.dropAllowanceM;
      }
      addRun(homeRunSku, metres, group.roomsDiffer ? null : group.room, 'home_run');
    }
  }
  return { runs: [...runs.values()], measured, homeRunsWithoutPanel, pagesMeasured };
}
