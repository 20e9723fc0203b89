/**
 * What one FIT file may hold, so that no file costs more than a bounded amount of memory and time. A real
 * watch file of a 100-hour race at 1 s holds 360,000 records, ~10 distinct layouts and a few thousand other
 * messages; the caps sit well above that and well below what a crafted file could ask for.
 */
export const FIT_LIMITS = {
  /** Record messages in one file, every segment counted (~5.8 days at one a second). */
  maxRecords: 500_000,
  /** Other messages decoded into objects (laps, sessions, events, HR): a 100-hour race has a few thousand. */
  maxMessages: 100_000,
  /** Sessions in one file: a triathlon has five; each is matched against every record and lap. */
  maxSessions: 200,
  /** Distinct definition layouts in one file: each is compiled into a reader, so each costs memory. */
  maxDefinitions: 1_000,
  /** The longest activity: a week. A watch whose clock jumped makes a "run" of months. */
  maxDurationS: 7 * 86_400,
  /** Samples per second of recorded time, on average, beyond which the times are not real (watches record 1 Hz). */
  maxSampleRateHz: 10,
} as const;
