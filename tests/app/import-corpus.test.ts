import { describe, expect, it } from "vitest";
import { importSources } from "../../server/app/import-sources.ts";
import type { ImportStatus } from "../../server/app/import-types.ts";
import { openDb } from "../../server/db/open.ts";
import { EXTENDED_DIR, FIXTURES_DIR, describeExtended, fixtureFiles } from "../support/corpus.ts";

type Expect = ImportStatus | { status: ImportStatus; code: string };
const rejected = (code: string): Expect => ({ status: "rejected", code });
const skipped = (code: string): Expect => ({ status: "skipped", code });
// The parser does not read these yet (see the parser's report); the day it does, they must import.
const NOT_YET = (code: string): Expect[] => [rejected(code), "imported"];

/** Every corpus file and what importing the whole folder must make of it (MANIFEST.md says what each is). */
const EXPECTED: Record<string, Expect | Expect[]> = {
  "MANIFEST.md": skipped("not-fit"),
  "elevate__._empty.fit": rejected("not-a-fit-file"),
  "elevate__bloemendaal.fit": "imported",
  "elevate__empty.fit": rejected("empty-file"),
  "elevate__flagged-hr.fit": "imported",
  "elevate__loup-blanc.fit": "imported",
  "elevate__portland.fit": "imported",
  "elevate__pyselsky.fit": "imported",
  "elevate__spiros-02.fit": "imported",
  "fitdecode__garmin-fr935-cr.fit": "imported",
  "fitparse__2013-02-06-12-11-14.fit": "imported",
  "fitparse__20170518-191602-1740899583.fit": "imported",
  "fitparse__2019-02-17-062644-ELEMNT-297E-195-0.fit": "imported",
  "fitparse__Edge810-Vector-2013-08-16-15-35-10.fit": "imported",
  "fitparse__MonitoringFile.fit": skipped("not-an-activity"),
  "fitparse__Settings.fit": skipped("not-an-activity"),
  "fitparse__WorkoutIndividualSteps.fit": skipped("not-an-activity"),
  // Known-bad SDK example copies: the first segment is fine, the second broken; the parser's call is final.
  "fitparse__activity-activity-filecrc.fit": [rejected("unsupported-encoding"), rejected("corrupt-file")],
  "fitparse__activity-filecrc.fit": [rejected("unsupported-encoding"), rejected("corrupt-file")],
  "fitparse__activity-large-fenxi2-multisport.fit": "imported",
  "fitparse__activity-settings-corruptheader.fit": rejected("corrupt-file"),
  // Its first segment is a whole activity, salvaged with a warning.
  "fitparse__activity-settings-nodata.fit": ["imported", rejected("truncated-file")],
  "fitparse__activity-small-fenix2-run.fit": "imported",
  "fitparse__antfs-dump.63.fit": NOT_YET("unsupported-encoding"),
  "fitparse__coros-pace-2-cycling-misaligned-fields.fit": "imported",
  "fitparse__developer-types-sample.fit": "imported",
  "fitparse__elemnt-bolt-no-application-id-inside-developer-data-id.fit": "imported",
  "fitparse__garmin-fenix-5-run.fit": "imported",
  "fitparse__garmin-fenix-5-walk.fit": "imported",
  // Cut off mid-message with no session; the parser salvages its 14,000 records as a ride.
  "fitparse__nick.fit": ["imported", rejected("truncated-file")],
  "fitparse__sample_mulitple_header.fit": "imported",
  "gc__Fr955v19.28andStryd.fit": "imported",
  "gc__Garmin920_withFirstbeat.fit": "imported",
  "gc__Move_2020_01_15_19_27_16_Running.fit": "imported",
  "gc__MultiSport-2019-11-24.fit": "imported",
  "muktihari__activity_multisport.fit": "imported",
  "muktihari__chained_Activity_activity_poolswim.fit": "imported",
  "muktihari__triathlon_summary_first.fit": NOT_YET("unsupported-encoding"),
  // The same triathlon written summary-last: once readable, it is the first one re-encoded.
  "muktihari__triathlon_summary_last.fit": [rejected("unsupported-encoding"), "duplicate"],
  "sportslib__empty-activities.fit": rejected("truncated-file"),
  "tormoder__unterminated-strings.fit": "imported",
};

function matches(actual: { status: string; code?: string | undefined }, e: Expect): boolean {
  return typeof e === "string" ? actual.status === e : actual.status === e.status && actual.code === e.code;
}

/** Imports a whole folder twice: every .fit file gets its outcome from EXPECTED, the second run adds nothing. */
async function importsFolderAsExpected(dir: string, files: string[]): Promise<void> {
  const db = openDb(":memory:");
  const first = await importSources(db, [dir]);
  const fit = first.results.filter((r) => r.file.endsWith(".fit"));
  const names = fit.map((r) => r.file.slice(dir.length));
  expect(names.sort()).toEqual([...files].sort());
  expect(files.every((f) => f in EXPECTED)).toBe(true);
  // The fixtures folder also holds its MANIFEST and licence texts: those are skipped, never imported.
  expect(first.results.filter((r) => !r.file.endsWith(".fit") && r.status !== "skipped")).toEqual([]);
  const wrong = fit
    .map((r) => ({ file: r.file.slice(dir.length), status: r.status, code: r.code }))
    .filter((r) => ![EXPECTED[r.file] ?? []].flat().some((e) => matches(r, e)));
  expect(wrong).toEqual([]);

  const ids = first.results.flatMap((r) => (r.status === "imported" ? r.activityIds : []));
  const stored = db.sqlite.prepare("SELECT count(*) AS n FROM activities").get() as { n: number };
  expect(stored.n).toBe(ids.length);
  expect(first.results.filter((r) => r.status === "imported").every((r) => r.activityIds.length > 0)).toBe(
    true,
  );

  const second = await importSources(db, [dir]);
  expect(second.summary.imported).toBe(0);
  expect(second.summary.duplicate).toBe(first.summary.imported + first.summary.duplicate);
  expect(second.summary.skipped).toBe(first.summary.skipped);
  expect(second.summary.rejected).toBe(first.summary.rejected);
  expect((db.sqlite.prepare("SELECT count(*) AS n FROM activities").get() as { n: number }).n).toBe(
    ids.length,
  );
  db.close();
}

describe("importSources() on the vendored fixtures folder", () => {
  it("gives the right outcome for every file, and a second run imports nothing new", async () => {
    await importsFolderAsExpected(FIXTURES_DIR, fixtureFiles());
  }, 120_000);
});

describeExtended("importSources() on the whole extended corpus folder (extended suite)", () => {
  it("gives the right outcome for every file, GPL/AGPL ones included, and a second run imports nothing new", async () => {
    await importsFolderAsExpected(
      EXTENDED_DIR,
      Object.keys(EXPECTED).filter((f) => f.endsWith(".fit")),
    );
  }, 120_000);
});
