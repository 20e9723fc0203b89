// Encodes the seeded ten-year history (2,080 runs) into a folder once, for the dashboard render benchmark; a marker
// file beside it says it is complete. Usage: node scripts/ten-year-history.mjs DIR [COUNT]
import { existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { loadBenchLib } from "./script-util.mjs";

const dir = process.argv[2];
const count = Number(process.argv[3] ?? 2080);
if (!dir) throw new Error("usage: ten-year-history.mjs DIR [COUNT]");
if (!existsSync(`${dir}.complete`)) {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const lib = await loadBenchLib();
  let i = 0;
  for (const bytes of lib.historyFiles(count)) {
    writeFileSync(join(dir, `${String(i).padStart(5, "0")}.fit`), bytes);
    if (++i % 100 === 0) process.stderr.write(`encoded ${i}/${count}\n`);
  }
  writeFileSync(`${dir}.complete`, String(i));
}
