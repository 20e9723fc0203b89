import { POWER_GRID } from "./power-grid-data.ts";
import { seededRandom } from "./random.ts";
import { withDefaults, type Thresholds } from "./thresholds.ts";
import type { PermutationRow } from "./permutation.ts";
import { cellsOf, rawP, verdictOf } from "./verdict-rule.ts";

/** A design whose chance of a `linked` verdict is simulated. */
export interface PowerCase {
  eligibleRuns: number;
  /** Share of eligible runs that carry the flag. */
  flaggedShare: number;
  /** Chance of a flare after an unflagged run. */
  baselineRisk: number;
  /** True risk ratio (3 for the power shown; 1 for the null). */
  rr: number;
  runsPerWeek?: number;
  /** Size of the Holm family (the other hypothesis assumed null: Holm's smallest p is doubled). */
  tested?: number;
}

/** Share of `reps` seeded tables under `c` that the full verdict rule calls `linked`. */
export function simulateRulePower(
  c: PowerCase,
  reps: number,
  seed: number,
  overrides: Partial<Thresholds> = {},
): number {
  const t = withDefaults(overrides);
  const random = seededRandom(seed);
  const perWeek = c.runsPerWeek ?? 4;
  const flaredRisk = Math.min(1, c.baselineRisk * c.rr);
  let linked = 0;
  const rows: PermutationRow[] = Array.from({ length: c.eligibleRuns }, (_, i) => ({
    week: String(Math.floor(i / perWeek)),
    flagged: false,
    pain: false,
  }));
  for (let k = 0; k < reps; k++) {
    for (const row of rows) {
      row.flagged = random() < c.flaggedShare;
      row.pain = random() < (row.flagged ? flaredRisk : c.baselineRisk);
    }
    const cells = cellsOf(rows);
    const p = rawP(cells);
    const adjusted = Number.isFinite(p) ? Math.min(1, (c.tested ?? 2) * p) : null;
    if (verdictOf(rows, cells, adjusted, t).verdict === "linked") linked++;
  }
  return linked / reps;
}

function bracket(axis: readonly number[], x: number): [number, number, number] {
  if (x <= (axis[0] as number)) return [0, 0, 0];
  for (let i = 1; i < axis.length; i++) {
    const hi = axis[i] as number;
    if (x <= hi) {
      const lo = axis[i - 1] as number;
      return [i - 1, i, (x - lo) / (hi - lo)];
    }
  }
  return [axis.length - 1, axis.length - 1, 0];
}

/**
 * Chance that a real tripling of risk would be called `linked` under the full rule (minimum data, CI, Holm,
 * within-week permutation) with these group sizes: interpolated in the grid `npm run power-grid` simulated.
 */
export function powerForRr3(eligibleRuns: number, flaggedShare: number, baselineRisk: number): number {
  const g = POWER_GRID;
  const [n0, n1, fn] = bracket(g.runs, eligibleRuns);
  const [f0, f1, ff] = bracket(g.flaggedShare, flaggedShare);
  const [b0, b1, fb] = bracket(g.baselineRisk, baselineRisk);
  const at = (n: number, f: number, b: number): number => g.power[n]?.[f]?.[b] ?? 0;
  const lerp = (x: number, y: number, w: number): number => x + (y - x) * w;
  const plane = (n: number): number =>
    lerp(lerp(at(n, f0, b0), at(n, f0, b1), fb), lerp(at(n, f1, b0), at(n, f1, b1), fb), ff);
  // Below the grid's smallest size no verdict is possible, so no power either.
  if (eligibleRuns < (g.runs[0] as number)) return 0;
  return lerp(plane(n0), plane(n1), fn);
}
