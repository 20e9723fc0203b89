import { writeFileSync } from "node:fs";
import type { Command } from "commander";
import { addDays } from "../../core/dates.ts";
import { DomainError } from "../../errors.ts";
import type { WorkoutKind } from "../../app/sync/workout-files.ts";
import { resolveDataDir } from "../../config.ts";

interface WorkoutOptions {
  out: string;
  data?: string | undefined;
  date?: string | undefined;
  intervals?: boolean | undefined;
}

/** `stridewise workout cadence|next-run --out FILE.fit`: a FIT workout for the watch, from your own data. */
export function registerWorkout(program: Command): void {
  program
    .command("workout")
    .description(
      "write a FIT workout from your data: `cadence` (retraining intervals) or `next-run` (spike ceiling)",
    )
    .argument("<kind>", "cadence or next-run")
    .requiredOption("--out <file>", "where to write the .fit file (copy it to the watch's GARMIN/NewFiles)")
    .option("--data <dir>", "data folder (default: $STRIDEWISE_DATA or ./data)")
    .option("--date <YYYY-MM-DD>", "day to plan it on the intervals.icu calendar (default: tomorrow)")
    .option("--no-intervals", "do not put it on the intervals.icu calendar even when connected")
    .action((kind: string, opts: WorkoutOptions) => runWorkout(kind, opts));
}

/** Writes the workout file; when intervals.icu is connected, also plans it on the calendar there. */
async function runWorkout(kind: string, opts: WorkoutOptions): Promise<void> {
  // Loaded only when this command runs: `--help` and the other commands never load the analysis or SQLite.
  const [{ resolveIntervalsUrl }, { connectedClient }, { buildWorkout, WORKOUT_KINDS }, { openDataDir }] =
    await Promise.all([
      import("../../app/sync/intervals-client.ts"),
      import("../../app/sync/intervals-connect.ts"),
      import("../../app/sync/workout-files.ts"),
      import("../../db/open.ts"),
    ]);
  if (!WORKOUT_KINDS.includes(kind as WorkoutKind)) {
    console.error(`Unknown workout "${kind}": use cadence or next-run.`);
    process.exitCode = 1;
    return;
  }
  if (opts.date !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(opts.date)) {
    console.error(`--date takes a day as YYYY-MM-DD, not "${opts.date}".`);
    process.exitCode = 1;
    return;
  }
  const dataDir = resolveDataDir(opts.data);
  const db = openDataDir(dataDir);
  try {
    const file = buildWorkout(db, kind as WorkoutKind);
    writeFileSync(opts.out, file.bytes);
    console.log(`${file.plan.name}: ${file.plan.description}`);
    console.log(`Written to ${opts.out}; copy it to the watch's GARMIN/NewFiles folder.`);
    const client =
      opts.intervals === false ? null : connectedClient(dataDir, { baseUrl: resolveIntervalsUrl() });
    if (client) {
      const date = opts.date ?? addDays(new Date().toISOString().slice(0, 10), 1);
      await client.createWorkoutEvent({
        date,
        name: file.plan.name,
        description: file.plan.description,
        fit: file.bytes,
      });
      console.log(
        `Planned on your intervals.icu calendar for ${date} (it sends planned workouts to Garmin Connect when that is linked).`,
      );
    }
  } catch (err) {
    if (!(err instanceof DomainError)) throw err;
    console.error(err.message);
    process.exitCode = 1;
  } finally {
    db.close();
  }
}
