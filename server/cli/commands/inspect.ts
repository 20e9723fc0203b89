import { readFileSync, statSync } from "node:fs";
import type { Command } from "commander";
import { DEFAULT_LIMITS } from "../../app/import/types.ts";
import type { Activity, ParseResult } from "../../../fit-parser/types.ts";

interface InspectOptions {
  json?: boolean | undefined;
}

/** `stridewise inspect <file> [--json]`: parse one FIT file, no database; exit 1 when it is rejected. */
export function registerInspect(program: Command): void {
  program
    .command("inspect")
    .description("read one FIT file and show what Stridewise finds in it (no database)")
    .argument("<file>", "a .fit file")
    .option("--json", "print the result as JSON")
    .action((file: string, opts: { json?: boolean }) => runInspect(file, opts));
}

type Outcome =
  ParseResult | { ok: false; code: "file-not-found" | "file-unreadable" | "file-too-large"; message: string };

async function readAndParse(file: string): Promise<Outcome> {
  let bytes: Uint8Array;
  const max = DEFAULT_LIMITS.maxFitBytes;
  // The same per-file cap as an import: a bigger file is not read at all.
  if ((statSync(file, { throwIfNoEntry: false })?.size ?? 0) > max) {
    return {
      ok: false,
      code: "file-too-large",
      message: `${file} is larger than the ${max}-byte limit for one file, so it was not read.`,
    };
  }
  try {
    bytes = new Uint8Array(readFileSync(file));
  } catch (err) {
    const missing = (err as NodeJS.ErrnoException).code === "ENOENT";
    return {
      ok: false,
      code: missing ? "file-not-found" : "file-unreadable",
      message: missing
        ? `There is no file at ${file}.`
        : `${file} could not be read (${(err as Error).message}).`,
    };
  }
  // Loaded only when this command runs: `--help` and the other commands never load the decoder for it.
  const { parseFit } = await import("../../../fit-parser/index.ts");
  return parseFit(bytes);
}

/** h:mm:ss */
function formatDuration(seconds: number | null): string {
  if (seconds === null) return "-:--:--";
  const s = Math.round(seconds);
  const pad = (n: number): string => String(n).padStart(2, "0");
  return `${Math.floor(s / 3600)}:${pad(Math.floor((s % 3600) / 60))}:${pad(s % 60)}`;
}

function holds(a: Activity): string {
  const s = a.samples;
  const any = (col: ArrayLike<number>, keep: (v: number) => boolean = () => true): boolean => {
    for (let i = 0; i < col.length; i++) if (keep(col[i] ?? Number.NaN)) return true;
    return false;
  };
  const parts: string[] = [];
  if (any(s.latDeg, Number.isFinite)) parts.push("GPS");
  if (any(s.heartRateBpm, Number.isFinite)) parts.push("HR");
  if (any(s.cadenceSpm, (v) => v > 0)) parts.push("cadence");
  if (a.hasRunningDynamics) parts.push("running dynamics");
  return parts.length > 0 ? parts.join(", ") : "no samples";
}

/** One human line per activity: local date, sport, distance, duration, cadence, what it holds. */
function describeActivity(a: Activity): string {
  const sport = a.subSport && a.subSport !== "generic" ? `${a.sport}/${a.subSport}` : a.sport;
  const km = a.distanceM !== null ? `${(a.distanceM / 1000).toFixed(1)} km` : "- km";
  const cadence = a.avgCadenceSpm !== null ? `${Math.round(a.avgCadenceSpm)} spm` : "- spm";
  return [a.localDate, sport, km, formatDuration(a.timerS ?? a.elapsedS), cadence, holds(a)].join("  ");
}

function jsonOf(outcome: Outcome): unknown {
  if (!outcome.ok) return { ok: false, error: { code: outcome.code, message: outcome.message } };
  return {
    ok: true,
    activities: outcome.activities.map((a) => ({
      sport: a.sport,
      subSport: a.subSport,
      startUtc: a.startUtc,
      localDate: a.localDate,
      utcOffsetS: a.utcOffsetS,
      distanceM: a.distanceM,
      timerS: a.timerS,
      avgCadenceSpm: a.avgCadenceSpm,
      samples: a.samples.count,
      hasRunningDynamics: a.hasRunningDynamics,
      device: a.device,
    })),
    warnings: outcome.warnings,
  };
}

/** Parses one FIT file and prints what it holds (or why it was rejected); exit status 1 when rejected. */
async function runInspect(file: string, opts: InspectOptions): Promise<void> {
  const outcome = await readAndParse(file);
  process.exitCode = outcome.ok ? 0 : 1;
  if (opts.json) {
    console.log(JSON.stringify(jsonOf(outcome)));
    return;
  }
  if (!outcome.ok) {
    console.error(`${file}: ${outcome.message} (${outcome.code})`);
    return;
  }
  for (const a of outcome.activities) console.log(describeActivity(a));
  for (const w of outcome.warnings) console.log(`warning: ${w.message} (${w.code})`);
}
