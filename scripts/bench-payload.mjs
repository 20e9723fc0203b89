// `node scripts/bench-payload.mjs [--weeks 520]`: every endpoint's size over a generated ten-year history,
// raw and compressed as sent, against the 300 KB budget of issue 18.
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import { join } from "node:path";
import { bundleForNode, numberOption, root } from "./script-util.mjs";

const BUDGET = 300 * 1024;
const weeks = numberOption("weeks", 520);
const outfile = join(root, "node_modules", ".cache", "stridewise-bench", "bench-payload.mjs");
const lib = await import(
  `${await bundleForNode(join(root, "scripts", "bench-payload.ts"), outfile)}?t=${Date.now()}`
);
const dir = mkdtempSync(join(os.tmpdir(), "stridewise-payload-"));
try {
  const { runs, importS, rows } = await lib.measurePayloads({ root, dbFile: join(dir, "bench.db"), weeks });
  console.log(
    `${runs} runs over ${weeks} weeks (demo generator, 10 s samples), loaded in ${importS.toFixed(0)} s`,
  );
  console.log("path | status | raw KB | sent KB | encoding | first ms | then ms");
  for (const r of rows) {
    const flag = r.sentBytes > BUDGET ? "  OVER 300 KB" : "";
    console.log(
      `${r.path} | ${r.status} | ${(r.rawBytes / 1024).toFixed(1)} | ${(r.sentBytes / 1024).toFixed(1)} | ${r.encoding} | ${r.coldMs.toFixed(0)} | ${r.ms.toFixed(0)}${flag}`,
    );
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
