// `node scripts/power-grid.mjs [--reps N]`: simulates the chance of a `linked` verdict under the full rule for a true
// risk ratio of 3 on a grid of eligible runs × flagged share × baseline risk, and writes server/core/power-grid-data.ts
// (what the insights show as power). Seeded: the same grid every time. A script that writes data, not a test.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { bundleForNode, numberOption, root } from "./script-util.mjs";

const REPS = numberOption("reps", 1000);
const outfile = join(root, "node_modules", ".cache", "stridewise-bench", "power.mjs");
const { simulateRulePower } = await import(
  `${await bundleForNode(join(root, "server", "core", "power.ts"), outfile)}?t=${Date.now()}`
);

const runs = [20, 30, 40, 60, 80, 100, 150, 200, 300];
const flaggedShare = [0.1, 0.2, 0.3, 0.5, 0.7];
const baselineRisk = [0.05, 0.1, 0.2, 0.3];
const started = Date.now();
const power = runs.map((n, i) =>
  flaggedShare.map((f, j) =>
    baselineRisk.map((b, k) => {
      const p = simulateRulePower(
        { eligibleRuns: n, flaggedShare: f, baselineRisk: b, rr: 3 },
        REPS,
        1 + i * 100 + j * 10 + k,
      );
      return Math.round(p * 1000) / 1000;
    }),
  ),
);
const rows = power
  .map((plane) => `    [${plane.map((line) => `[${line.join(", ")}]`).join(", ")}],`)
  .join("\n");
const text = `// Written by \`node scripts/power-grid.mjs --reps ${REPS}\`: do not edit by hand. Share of ${REPS} seeded tables per cell
// (true risk ratio 3, 4 runs a week, Holm family of 2) that the full verdict rule calls \`linked\`.
// Indexes: power[runs][flaggedShare][baselineRisk].
export const POWER_GRID = {
  runs: [${runs.join(", ")}],
  flaggedShare: [${flaggedShare.join(", ")}],
  baselineRisk: [${baselineRisk.join(", ")}],
  power: [
${rows}
  ],
} as const satisfies {
  runs: readonly number[];
  flaggedShare: readonly number[];
  baselineRisk: readonly number[];
  power: readonly (readonly (readonly number[])[])[];
};
`;
writeFileSync(join(root, "server", "core", "power-grid-data.ts"), text);
console.log(
  `power grid: ${runs.length * flaggedShare.length * baselineRisk.length} cells × ${REPS} tables in ${((Date.now() - started) / 1000).toFixed(1)} s`,
);
for (const [i, n] of runs.entries()) console.log(`n=${n}, 30% flagged, baseline 20%: ${power[i][2][2]}`);
