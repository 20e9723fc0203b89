// Ordered and frozen: a released migration is never edited, only followed by a new one.
// The schema version is PRAGMA user_version = the number of migrations applied.

const V1_STORAGE = `
-- Originals live in the database as BLOBs rather than beside it: the data folder stays one file to back up,
-- and an original commits in the same transaction as the activities read from it (no orphans after a crash).
-- bytes are the FIT bytes themselves (after .gz/.zip extraction); sha256 is over those bytes.
-- Deleting a file's last activity deletes the file too (activities-repo), so a deleted run stays deleted on
-- reanalyse and can be imported again on purpose.
CREATE TABLE files (
  id            INTEGER PRIMARY KEY,
  sha256        TEXT    NOT NULL UNIQUE,
  original_name TEXT    NOT NULL,
  size_bytes    INTEGER NOT NULL,
  imported_at   TEXT    NOT NULL,
  bytes         BLOB    NOT NULL
);

-- One row per session: a triathlon file gives several, and only running sessions count as runs (is_run).
CREATE TABLE activities (
  id                          INTEGER PRIMARY KEY,
  file_id                     INTEGER NOT NULL REFERENCES files(id) ON DELETE CASCADE,
  session_index               INTEGER NOT NULL,
  sport                       TEXT    NOT NULL,
  sub_sport                   TEXT,
  is_run                      INTEGER NOT NULL CHECK (is_run IN (0, 1)),
  start_utc                   TEXT    NOT NULL,
  utc_offset_s                INTEGER,
  local_date                  TEXT    NOT NULL,
  elapsed_s                   REAL,
  timer_s                     REAL,
  distance_m                  REAL,
  avg_speed_mps               REAL,
  max_speed_mps               REAL,
  avg_heart_rate_bpm          REAL,
  max_heart_rate_bpm          REAL,
  avg_cadence_spm             REAL,
  total_ascent_m              REAL,
  avg_step_length_m           REAL,
  avg_vertical_oscillation_mm REAL,
  avg_vertical_ratio_pct      REAL,
  avg_stance_time_ms          REAL,
  device_manufacturer         TEXT,
  device_product              TEXT,
  device_serial               INTEGER,
  has_gps                     INTEGER NOT NULL CHECK (has_gps IN (0, 1)),
  has_running_dynamics        INTEGER NOT NULL CHECK (has_running_dynamics IN (0, 1)),
  sample_count                INTEGER NOT NULL,
  UNIQUE (file_id, session_index)
);
-- start_utc is fixed-width ISO 8601, so text order is time order (listing and duplicate windows).
CREATE INDEX activities_start_utc ON activities (start_utc);
CREATE INDEX activities_run_local_date ON activities (is_run, local_date);

CREATE TABLE laps (
  activity_id        INTEGER NOT NULL REFERENCES activities(id) ON DELETE CASCADE,
  lap_index          INTEGER NOT NULL,
  start_utc          TEXT    NOT NULL,
  elapsed_s          REAL,
  timer_s            REAL,
  distance_m         REAL,
  avg_speed_mps      REAL,
  avg_cadence_spm    REAL,
  avg_heart_rate_bpm REAL,
  PRIMARY KEY (activity_id, lap_index)
) WITHOUT ROWID;

-- Samples as one row of little-endian typed-array blobs per activity, not one row per sample: a run page loads
-- one row (3,600 samples x 12 columns would be 3,600 rows and 43,000 values through SQL), and the blobs decode
-- straight back into the Float32/Float64 columns the charts use. A column with no values at all is NULL.
CREATE TABLE activity_series (
  activity_id             INTEGER PRIMARY KEY REFERENCES activities(id) ON DELETE CASCADE,
  sample_count            INTEGER NOT NULL,
  time_s                  BLOB NOT NULL,
  distance_m              BLOB,
  speed_mps               BLOB,
  cadence_spm             BLOB,
  heart_rate_bpm          BLOB,
  altitude_m              BLOB,
  lat_deg                 BLOB,
  lon_deg                 BLOB,
  step_length_m           BLOB,
  vertical_oscillation_mm BLOB,
  vertical_ratio_pct      BLOB,
  stance_time_ms          BLOB
);

-- Per-run analysis results, written by the analysis; reanalyse clears it, a version bump invalidates it.
CREATE TABLE run_analysis (
  activity_id      INTEGER PRIMARY KEY REFERENCES activities(id) ON DELETE CASCADE,
  analysis_version INTEGER NOT NULL,
  json             TEXT    NOT NULL
);

-- Pain entries are not tied to activities (pain is logged per day), so deleting a run never deletes pain.
CREATE TABLE pain_entries (
  id         INTEGER PRIMARY KEY,
  date       TEXT    NOT NULL CHECK (date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  severity   INTEGER NOT NULL CHECK (severity BETWEEN 0 AND 10),
  location   TEXT CHECK (location IN ('lateral', 'anterior', 'deep_groin', 'inner_thigh', 'buttock', 'unsure')),
  side       TEXT CHECK (side IN ('left', 'right', 'both')),
  timing     TEXT CHECK (timing IN ('during_run', 'after_run', 'next_morning', 'rest_or_night')),
  note       TEXT    NOT NULL DEFAULT '',
  red_flags  TEXT    NOT NULL DEFAULT '[]' CHECK (json_valid(red_flags) AND json_type(red_flags) = 'array'),
  created_at TEXT    NOT NULL,
  updated_at TEXT    NOT NULL
);
CREATE INDEX pain_entries_date ON pain_entries (date);

CREATE TABLE settings (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL CHECK (json_valid(value))
) WITHOUT ROWID;

-- What sync has already looked at: a file whose path, size and mtime are unchanged is not read again.
CREATE TABLE sync_seen (
  path       TEXT    PRIMARY KEY,
  size_bytes INTEGER NOT NULL,
  mtime_ms   INTEGER NOT NULL,
  seen_at    TEXT    NOT NULL
) WITHOUT ROWID;
`;

// Series are no longer stored: they are read from the original when a run page or the analysis needs them.
// Our parser reads a one-hour run in about half a millisecond, no slower than loading its stored series, and
// the series were 64 bytes a sample (about twice the FIT file), so storing them doubled what an import writes
// and the database's size. Freed pages are reused by later imports (VACUUM gives them back to the disk).
const V2_SERIES_FROM_ORIGINALS = `
DROP TABLE activity_series;
`;

// Analysis state kept between processes, a cache like run_analysis (reanalyse clears it). Two rows:
// 'fitted': the cadence model fitted on the recent runs named by key, so a restart that finds the same
//   runs reuses it instead of re-reading their series;
// 'basis': the model and reference speed the cached per-run results are made under (key), so the server,
//   an import and a restart all keep using it while a refit says the same, rather than each recomputing
//   every run under a model of its own.
const V3_ANALYSIS_STATE = `
CREATE TABLE analysis_state (
  name TEXT    PRIMARY KEY CHECK (name IN ('fitted', 'basis')),
  key  INTEGER NOT NULL,
  json TEXT    NOT NULL
) WITHOUT ROWID;
`;

// Sessions the runner deleted from a file that keeps others (the swim of a triathlon): reanalyse re-reads the
// original and must not bring them back. A file deleted whole takes its rows with it.
const V4_DELETED_SESSIONS = `
CREATE TABLE deleted_sessions (
  file_id       INTEGER NOT NULL REFERENCES files(id) ON DELETE CASCADE,
  session_index INTEGER NOT NULL,
  PRIMARY KEY (file_id, session_index)
) WITHOUT ROWID;
`;

// Sync with outside services and watches (issue 16):
// sync_log: one row per sync run (intervals.icu poll, a watch plugged in), for the dashboard's sync status;
//   failures holds at most a few {file, message} for the runner to read.
// remote_activities: what each remote activity became, so a sync downloads only what it has not handled; a
//   failed download is tried again on later syncs until attempts runs out.
// sync_state: small JSON values (the date cursor, when the cadence plan started).
const V5_SYNC = `
CREATE TABLE sync_log (
  id          INTEGER PRIMARY KEY,
  source      TEXT    NOT NULL CHECK (source IN ('intervals', 'watch')),
  started_at  TEXT    NOT NULL,
  finished_at TEXT    NOT NULL,
  status      TEXT    NOT NULL CHECK (status IN ('ok', 'partial', 'failed')),
  downloaded  INTEGER NOT NULL DEFAULT 0,
  imported    INTEGER NOT NULL DEFAULT 0,
  duplicate   INTEGER NOT NULL DEFAULT 0,
  skipped     INTEGER NOT NULL DEFAULT 0,
  rejected    INTEGER NOT NULL DEFAULT 0,
  message     TEXT,
  failures    TEXT    NOT NULL DEFAULT '[]' CHECK (json_valid(failures))
);
CREATE INDEX sync_log_finished ON sync_log (finished_at);

CREATE TABLE remote_activities (
  source     TEXT    NOT NULL,
  remote_id  TEXT    NOT NULL,
  start_date TEXT,
  outcome    TEXT    NOT NULL CHECK (outcome IN ('imported', 'duplicate', 'skipped', 'failed')),
  attempts   INTEGER NOT NULL DEFAULT 1,
  updated_at TEXT    NOT NULL,
  PRIMARY KEY (source, remote_id)
) WITHOUT ROWID;

CREATE TABLE sync_state (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL CHECK (json_valid(value))
) WITHOUT ROWID;
`;

// Pain entries know when they were written (logged_at, server clock: an entry written > 3 days after its date is
// "recalled"), and there is one entry per day. Older databases may hold several entries for a date: they merge into
// the worst one (its severity, location, side, timing; the earliest logged_at, since that is when the day was first
// reported), keeping every red flag and note, so nothing the runner said is lost.
const V6_PAIN_ONE_PER_DAY = `
ALTER TABLE pain_entries ADD COLUMN logged_at TEXT;
UPDATE pain_entries SET logged_at = created_at;
CREATE TEMP TABLE pain_keep AS
  SELECT date, (SELECT id FROM pain_entries p WHERE p.date = d.date ORDER BY severity DESC, id DESC LIMIT 1) AS id
  FROM (SELECT date FROM pain_entries GROUP BY date HAVING count(*) > 1) d;
UPDATE pain_entries AS k SET
  note = (SELECT group_concat(note, ' / ') FROM (SELECT note FROM pain_entries p WHERE p.date = k.date AND note <> '' ORDER BY id)),
  red_flags = (SELECT json_group_array(DISTINCT j.value) FROM pain_entries p, json_each(p.red_flags) j WHERE p.date = k.date),
  logged_at = (SELECT min(logged_at) FROM pain_entries p WHERE p.date = k.date)
  WHERE k.id IN (SELECT id FROM pain_keep);
UPDATE pain_entries SET note = '' WHERE note IS NULL;
DELETE FROM pain_entries WHERE date IN (SELECT date FROM pain_keep) AND id NOT IN (SELECT id FROM pain_keep);
DROP TABLE pain_keep;
DROP INDEX pain_entries_date;
CREATE UNIQUE INDEX pain_entries_one_per_day ON pain_entries (date);
`;

// A run dated before 2000 (a watch whose clock was never set) or after tomorrow is kept but marked, for the
// runner to confirm; charts keep such runs off their time axes. Existing rows are marked by today's date.
const V7_DATE_SUSPECT = `
ALTER TABLE activities ADD COLUMN date_suspect INTEGER NOT NULL DEFAULT 0 CHECK (date_suspect IN (0, 1));
UPDATE activities SET date_suspect = 1
  WHERE start_utc < '2000-01-01' OR local_date > date('now', '+1 day');
`;

// Issue 18a: what the runner adds to runs (name, notes, shoe), what the import marks (partial), demo files
// kept apart from real ones, and shoes. A shoe deleted leaves its runs unassigned rather than deleting them.
const V8_RUNNER_FIELDS = `
CREATE TABLE shoes (
  id          INTEGER PRIMARY KEY,
  name        TEXT    NOT NULL CHECK (length(name) BETWEEN 1 AND 80),
  retire_at_m REAL    NOT NULL CHECK (retire_at_m > 0),
  is_default  INTEGER NOT NULL DEFAULT 0 CHECK (is_default IN (0, 1)),
  retired     INTEGER NOT NULL DEFAULT 0 CHECK (retired IN (0, 1)),
  created_at  TEXT    NOT NULL
);
-- A file cut off before its end (the parser's truncated-file warning): a more complete copy replaces it.
ALTER TABLE activities ADD COLUMN partial INTEGER NOT NULL DEFAULT 0 CHECK (partial IN (0, 1));
ALTER TABLE activities ADD COLUMN name TEXT;
ALTER TABLE activities ADD COLUMN notes TEXT NOT NULL DEFAULT '';
-- A clock never set (1990) or wrong: the runner moves the run by whole days, or confirms the date as it is.
ALTER TABLE activities ADD COLUMN date_shift_days INTEGER NOT NULL DEFAULT 0;
ALTER TABLE activities ADD COLUMN date_confirmed INTEGER NOT NULL DEFAULT 0 CHECK (date_confirmed IN (0, 1));
ALTER TABLE activities ADD COLUMN shoe_id INTEGER REFERENCES shoes(id) ON DELETE SET NULL;
-- Generated by "Try the demo": removed together, never mixed up with the runner's own runs. On activities, not
-- files: a column added to files sits after the original's bytes, and reading it walks the blob's overflow pages.
ALTER TABLE activities ADD COLUMN demo INTEGER NOT NULL DEFAULT 0 CHECK (demo IN (0, 1));
-- The demo's pain entries, by id (no foreign key: the pain table belongs to the diary and may be rebuilt), with
-- what they said when generated: an entry the runner has since changed is theirs and stays.
CREATE TABLE demo_pain_entries (pain_id INTEGER PRIMARY KEY, fingerprint TEXT NOT NULL);
-- Each run's fastest stretches (personal records), a cache computed once from the original.
CREATE TABLE best_efforts (
  activity_id INTEGER PRIMARY KEY REFERENCES activities(id) ON DELETE CASCADE,
  json        TEXT    NOT NULL
) WITHOUT ROWID;
`;

/** A date fix to the second: the right date and time, or a clock N years, days or hours off. */
const V9_DATE_SHIFT_SECONDS = `
-- The runner moves a run by seconds from where its file puts it (whole days could not carry a time of day).
ALTER TABLE activities ADD COLUMN date_shift_s INTEGER NOT NULL DEFAULT 0;
UPDATE activities SET date_shift_s = date_shift_days * 86400;
ALTER TABLE activities DROP COLUMN date_shift_days;
`;

/**
 * A file that records no UTC offset (a Suunto 9, older Garmins, Stryd) was dated in UTC, so an evening run in
 * the Americas landed on the next day. Its offset is now assumed, and said to be: the offset of the runner's
 * nearest run in time whose file records one, else that of the zone this computer is set to at the run's start.
 * The cached results of the runs it moves carry their dates, so they go.
 */
const V10_ASSUMED_UTC_OFFSET = `
ALTER TABLE activities ADD COLUMN utc_offset_source TEXT NOT NULL DEFAULT 'file'
  CHECK (utc_offset_source IN ('file', 'nearby-run', 'server-zone'));
-- The nearest run that records its offset, found by two seeks (ten years of runs without one: 0.7 s a scan).
CREATE INDEX activities_offset_source_start ON activities (utc_offset_source, start_utc);
UPDATE activities AS a SET utc_offset_source = 'nearby-run', utc_offset_s = (
    SELECT b.utc_offset_s FROM activities b
    WHERE b.utc_offset_s IS NOT NULL AND b.utc_offset_source = 'file'
    ORDER BY abs(julianday(b.start_utc) - julianday(a.start_utc)) LIMIT 1)
  WHERE a.utc_offset_s IS NULL
    AND EXISTS (SELECT 1 FROM activities WHERE utc_offset_s IS NOT NULL AND utc_offset_source = 'file');
UPDATE activities SET utc_offset_source = 'server-zone',
    utc_offset_s = CAST(round((julianday(start_utc, 'localtime') - julianday(start_utc)) * 86400) AS INTEGER)
  WHERE utc_offset_s IS NULL;
UPDATE activities SET local_date = date(start_utc, utc_offset_s || ' seconds') WHERE utc_offset_source <> 'file';
DELETE FROM run_analysis WHERE activity_id IN (SELECT id FROM activities WHERE utc_offset_source <> 'file');
`;

/** Every migration, in order. Append only. */
export const MIGRATIONS: readonly string[] = Object.freeze([
  V1_STORAGE,
  V2_SERIES_FROM_ORIGINALS,
  V3_ANALYSIS_STATE,
  V4_DELETED_SESSIONS,
  V5_SYNC,
  V6_PAIN_ONE_PER_DAY,
  V7_DATE_SUSPECT,
  V8_RUNNER_FIELDS,
  V9_DATE_SHIFT_SECONDS,
  V10_ASSUMED_UTC_OFFSET,
]);
