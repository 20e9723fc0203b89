import type { Command } from "commander";

interface WorkoutCliOptions {
  out: string;
  data?: string;
  date?: string;
  intervals?: boolean;
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
    .action(async (kind: string, opts: WorkoutCliOptions) => {
      const { runWorkout } = await import("./workout-command.ts");
      await runWorkout(kind, opts);
    });
}
