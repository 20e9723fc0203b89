import { writeFileSync } from "node:fs";
import { addDays } from "../core/dates.ts";
import { DomainError } from "../errors.ts";
import { resolveIntervalsUrl } from "../app/sync/intervals-client.ts";
import { connectedClient } from "../app/sync/intervals-connect.ts";
import { buildWorkout, WORKOUT_KINDS, type WorkoutKind } from "../app/sync/workout-files.ts";
import { resolveDataDir } from "../config.ts";
import { openDataDir } from "../db/open.ts";

export interface WorkoutCommandOptions {
  out: string;
  data?: string | undefined;
  date?: string | undefined;
  intervals?: boolean | undefined;
}

/** Writes the workout file; when intervals.icu is connected, also plans it on the calendar there. */
export async function runWorkout(kind: string, opts: WorkoutCommandOptions): Promise<void> {
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
