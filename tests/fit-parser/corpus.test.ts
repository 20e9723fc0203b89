import { beforeAll, describe, expect, it } from "vitest";
import { parseFit } from "../../fit-parser/index.ts";
import type { Activity, ParseErrorCode, ParseResult } from "../../fit-parser/types.ts";
import { NOT_REDISTRIBUTABLE, corpusFiles, hasExtended, readCorpusFile } from "../support/corpus.ts";

interface ExpectedActivity {
  sport: string;
  samples: number;
  distanceM: number | null;
  avgCadenceSpm: number | null;
}

type Expected = { code: ParseErrorCode } | { activities: ExpectedActivity[]; warnings: string[] };

/**
 * The expected outcome of every corpus file (see tests/fixtures/fit/MANIFEST.md; the gc__/sportslib__ rows are the
 * extended corpus's). A new corpus file without a row fails "has a row for every corpus file". Distances are the session's total_distance; cadence is steps/min.
 */
const TABLE: Record<string, Expected> = {
  "elevate__._empty.fit": { code: "not-a-fit-file" },
  "elevate__bloemendaal.fit": {
    activities: [{ sport: "running", samples: 2197, distanceM: 6458, avgCadenceSpm: 180 }],
    warnings: [],
  },
  "elevate__empty.fit": { code: "empty-file" },
  "elevate__flagged-hr.fit": {
    activities: [{ sport: "training", samples: 2209, distanceM: 0, avgCadenceSpm: null }],
    warnings: ["bad-utc-offset"],
  },
  "elevate__loup-blanc.fit": {
    activities: [{ sport: "running", samples: 7509, distanceM: 36975.1, avgCadenceSpm: 141.5 }],
    warnings: [],
  },
  "elevate__portland.fit": {
    activities: [{ sport: "running", samples: 6180, distanceM: 16075.72, avgCadenceSpm: 164.8 }],
    warnings: [],
  },
  "elevate__pyselsky.fit": {
    activities: [{ sport: "running", samples: 9698, distanceM: 21524.3, avgCadenceSpm: 142 }],
    warnings: [],
  },
  "elevate__spiros-02.fit": {
    activities: [{ sport: "swimming", samples: 3135, distanceM: 2000, avgCadenceSpm: null }],
    warnings: [],
  },
  "fitdecode__garmin-fr935-cr.fit": {
    activities: [{ sport: "swimming", samples: 7515, distanceM: 0, avgCadenceSpm: null }],
    warnings: [],
  },
  "fitparse__2013-02-06-12-11-14.fit": {
    activities: [{ sport: "running", samples: 583, distanceM: 4835.38, avgCadenceSpm: null }],
    warnings: [],
  },
  "fitparse__20170518-191602-1740899583.fit": {
    activities: [{ sport: "fitnessEquipment", samples: 1641, distanceM: 0, avgCadenceSpm: null }],
    warnings: [],
  },
  "fitparse__2019-02-17-062644-ELEMNT-297E-195-0.fit": {
    activities: [{ sport: "cycling", samples: 13471, distanceM: 78940.55, avgCadenceSpm: null }],
    warnings: [],
  },
  "fitparse__Edge810-Vector-2013-08-16-15-35-10.fit": {
    activities: [{ sport: "cycling", samples: 4700, distanceM: 41339.38, avgCadenceSpm: null }],
    warnings: [],
  },
  "fitparse__MonitoringFile.fit": { code: "not-an-activity" },
  "fitparse__Settings.fit": { code: "not-an-activity" },
  "fitparse__WorkoutIndividualSteps.fit": { code: "not-an-activity" },
  "fitparse__activity-activity-filecrc.fit": { code: "corrupt-file" },
  "fitparse__activity-filecrc.fit": { code: "corrupt-file" },
  "fitparse__activity-large-fenxi2-multisport.fit": {
    activities: [
      { sport: "generic", samples: 8982, distanceM: 25072.07, avgCadenceSpm: null },
      { sport: "transition", samples: 283, distanceM: 224.24, avgCadenceSpm: null },
      { sport: "running", samples: 2197, distanceM: 2245.23, avgCadenceSpm: 114.8 },
      { sport: "transition", samples: 5, distanceM: 3.63, avgCadenceSpm: null },
      { sport: "running", samples: 6694, distanceM: 12740.37, avgCadenceSpm: 152 },
      { sport: "transition", samples: 240, distanceM: 617.55, avgCadenceSpm: null },
      { sport: "cycling", samples: 3131, distanceM: 28928.27, avgCadenceSpm: null },
    ],
    warnings: ["distance-glitch"],
  },
  "fitparse__activity-settings-corruptheader.fit": { code: "corrupt-file" },
  "fitparse__activity-settings-nodata.fit": {
    activities: [{ sport: "running", samples: 14, distanceM: 5.73, avgCadenceSpm: null }],
    warnings: ["truncated-file"],
  },
  "fitparse__activity-small-fenix2-run.fit": {
    activities: [{ sport: "running", samples: 2809, distanceM: 9008.22, avgCadenceSpm: 162 }],
    warnings: [],
  },
  // Compressed-timestamp headers (the SDK cannot read them); a foot-pod run without distance in its records.
  "fitparse__antfs-dump.63.fit": {
    activities: [{ sport: "running", samples: 686, distanceM: null, avgCadenceSpm: null }],
    warnings: ["bad-utc-offset"],
  },
  "fitparse__coros-pace-2-cycling-misaligned-fields.fit": {
    activities: [{ sport: "cycling", samples: 11272, distanceM: 32145.76, avgCadenceSpm: null }],
    warnings: [],
  },
  "fitparse__developer-types-sample.fit": {
    activities: [{ sport: "running", samples: 3424, distanceM: 6753.99, avgCadenceSpm: 148 }],
    warnings: [],
  },
  "fitparse__elemnt-bolt-no-application-id-inside-developer-data-id.fit": {
    activities: [{ sport: "cycling", samples: 132, distanceM: 963.65, avgCadenceSpm: null }],
    warnings: [],
  },
  "fitparse__garmin-fenix-5-run.fit": {
    activities: [{ sport: "running", samples: 21, distanceM: 157.56, avgCadenceSpm: 167.3 }],
    warnings: [],
  },
  "fitparse__garmin-fenix-5-walk.fit": {
    activities: [{ sport: "walking", samples: 17, distanceM: 67.85, avgCadenceSpm: 122.5 }],
    warnings: [],
  },
  "fitparse__nick.fit": {
    activities: [{ sport: "cycling", samples: 14383, distanceM: 113550.87, avgCadenceSpm: null }],
    warnings: ["truncated-file", "no-session"],
  },
  "fitparse__sample_mulitple_header.fit": {
    activities: [
      { sport: "swimming", samples: 349, distanceM: 1644.71, avgCadenceSpm: null },
      { sport: "transition", samples: 38, distanceM: 141.7, avgCadenceSpm: null },
      { sport: "cycling", samples: 854, distanceM: 40909.42, avgCadenceSpm: null },
      { sport: "transition", samples: 14, distanceM: 31.93, avgCadenceSpm: null },
      { sport: "running", samples: 518, distanceM: 9805.92, avgCadenceSpm: 167 },
    ],
    warnings: [],
  },
  "gc__Fr955v19.28andStryd.fit": {
    activities: [{ sport: "running", samples: 3118, distanceM: 10021.48, avgCadenceSpm: 166.4 }],
    warnings: [],
  },
  "gc__Garmin920_withFirstbeat.fit": {
    activities: [{ sport: "running", samples: 2125, distanceM: 7278.71, avgCadenceSpm: 173.3 }],
    warnings: [],
  },
  "gc__Move_2020_01_15_19_27_16_Running.fit": {
    activities: [{ sport: "running", samples: 1473, distanceM: 2338, avgCadenceSpm: 109.4 }],
    warnings: [],
  },
  "gc__MultiSport-2019-11-24.fit": {
    activities: [
      { sport: "swimming", samples: 942, distanceM: 3879.38, avgCadenceSpm: null },
      { sport: "transition", samples: 814, distanceM: 670.03, avgCadenceSpm: null },
      { sport: "cycling", samples: 24062, distanceM: 179381.7, avgCadenceSpm: null },
      { sport: "transition", samples: 330, distanceM: 141.14, avgCadenceSpm: null },
      { sport: "running", samples: 19657, distanceM: 34706.46, avgCadenceSpm: 144.1 },
    ],
    warnings: [],
  },
  "muktihari__activity_multisport.fit": {
    activities: [
      { sport: "cycling", samples: 55, distanceM: 0, avgCadenceSpm: null },
      { sport: "running", samples: 23, distanceM: 0, avgCadenceSpm: null },
    ],
    warnings: [],
  },
  "muktihari__chained_Activity_activity_poolswim.fit": {
    activities: [
      { sport: "standUpPaddleboarding", samples: 3601, distanceM: 3600, avgCadenceSpm: null },
      { sport: "swimming", samples: 24, distanceM: 457.2, avgCadenceSpm: null },
    ],
    warnings: [],
  },
  // Forerunner 255 triathlons: the SDK crashes on their records; the summary-last file has one more run record.
  "muktihari__triathlon_summary_first.fit": {
    activities: [
      { sport: "swimming", samples: 676, distanceM: 513.26, avgCadenceSpm: null },
      { sport: "transition", samples: 156, distanceM: 132.35, avgCadenceSpm: null },
      { sport: "cycling", samples: 1566, distanceM: 13517.59, avgCadenceSpm: null },
      { sport: "transition", samples: 70, distanceM: 71.72, avgCadenceSpm: null },
      { sport: "running", samples: 1574, distanceM: 4491.51, avgCadenceSpm: 161.4 },
    ],
    warnings: [],
  },
  "muktihari__triathlon_summary_last.fit": {
    activities: [
      { sport: "swimming", samples: 676, distanceM: 513.26, avgCadenceSpm: null },
      { sport: "transition", samples: 156, distanceM: 132.35, avgCadenceSpm: null },
      { sport: "cycling", samples: 1566, distanceM: 13517.59, avgCadenceSpm: null },
      { sport: "transition", samples: 70, distanceM: 71.72, avgCadenceSpm: null },
      { sport: "running", samples: 1575, distanceM: 4491.51, avgCadenceSpm: 161.4 },
    ],
    warnings: [],
  },
  "sportslib__empty-activities.fit": { code: "truncated-file" },
  "tormoder__unterminated-strings.fit": {
    activities: [{ sport: "cycling", samples: 33, distanceM: 69, avgCadenceSpm: null }],
    warnings: [],
  },
};

/** Session avg cadence (strides/min) that MANIFEST.md lists, by activity index: ours must be 2 × (that + fraction). */
const MANIFEST_CADENCE: Record<string, Record<number, number>> = {
  "fitparse__activity-small-fenix2-run.fit": { 0: 81 },
  "fitparse__garmin-fenix-5-run.fit": { 0: 83 },
  "fitparse__garmin-fenix-5-walk.fit": { 0: 61 },
  "fitparse__developer-types-sample.fit": { 0: 74 },
  "fitparse__sample_mulitple_header.fit": { 4: 83 },
  "gc__Fr955v19.28andStryd.fit": { 0: 83 },
  "gc__Garmin920_withFirstbeat.fit": { 0: 86 },
  "gc__MultiSport-2019-11-24.fit": { 4: 72 },
  "elevate__portland.fit": { 0: 82 },
  "elevate__pyselsky.fit": { 0: 71 },
  "elevate__bloemendaal.fit": { 0: 90 },
  "elevate__loup-blanc.fit": { 0: 70 },
  "muktihari__triathlon_summary_first.fit": { 4: 80 },
  "muktihari__triathlon_summary_last.fit": { 4: 80 },
};

// Decode each file once for the whole test file: the 3 MB triathlon alone takes about a second.
const results = new Map<string, ParseResult>();
function result(name: string): ParseResult {
  let r = results.get(name);
  if (r === undefined) {
    r = parseFit(readCorpusFile(name));
    results.set(name, r);
  }
  return r;
}

const SUMMARY_KEYS = [
  "elapsedS",
  "timerS",
  "distanceM",
  "avgSpeedMps",
  "maxSpeedMps",
  "avgHeartRateBpm",
  "maxHeartRateBpm",
  "avgCadenceSpm",
  "totalAscentM",
  "avgStepLengthM",
  "avgVerticalOscillationMm",
  "avgVerticalRatioPct",
  "avgStanceTimeMs",
] as const;

function checkInvariants(a: Activity): void {
  const s = a.samples;
  // Collect the first problems in plain loops: an expect() per sample would make this test slow.
  const problems: string[] = [];
  const bad = (i: number, what: string): void => {
    if (problems.length < 5) problems.push(`sample ${i}: ${what}`);
  };
  let lastT = Number.NEGATIVE_INFINITY;
  let lastD = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < s.count; i++) {
    const t = s.timeS[i] ?? Number.NaN;
    if (!(t > lastT)) bad(i, `time ${t} after ${lastT}`);
    lastT = t;
    const d = s.distanceM[i] ?? Number.NaN;
    if (!Number.isNaN(d)) {
      if (d < lastD) bad(i, `distance ${d} after ${lastD}`);
      lastD = d;
    }
    const lat = s.latDeg[i] ?? Number.NaN;
    const lon = s.lonDeg[i] ?? Number.NaN;
    if (Math.abs(lat) > 90 || Math.abs(lon) > 180) bad(i, `position ${lat},${lon}`);
    const c = s.cadenceSpm[i] ?? Number.NaN;
    if (!Number.isNaN(c) && c !== 0 && (c < 60 || c > 260)) bad(i, `cadence ${c}`);
  }
  expect(problems).toEqual([]);
  for (const key of SUMMARY_KEYS) {
    const v = a[key];
    if (v !== null) expect(Number.isFinite(v), key).toBe(true);
  }
  for (const col of [s.timeS, s.distanceM, s.speedMps, s.cadenceSpm, s.latDeg, s.stepLengthM]) {
    expect(col.length).toBe(s.count);
  }
  expect(a.localDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  expect(new Date(a.startUtc).toISOString()).toBe(a.startUtc);
}

describe("parseFit() over the corpus (vendored files, plus the extended ones when present)", () => {
  beforeAll(() => {
    for (const name of corpusFiles()) result(name);
  }, 60_000);

  it("has a row for every corpus file, and no row for a file that is gone", () => {
    const files = corpusFiles();
    expect(files.filter((f) => !(f in TABLE))).toEqual([]);
    // Rows for GPL/AGPL files wait for the extended corpus; any other row must have its vendored file.
    const due = Object.keys(TABLE).filter((f) => hasExtended || !NOT_REDISTRIBUTABLE.test(f));
    expect(due.filter((f) => !files.includes(f))).toEqual([]);
  });

  it.each(corpusFiles())("reads %s as the table says", (name) => {
    const want = TABLE[name];
    const got = result(name);
    expect(want).toBeDefined();
    if (want === undefined) return;
    if ("code" in want) {
      expect(got.ok).toBe(false);
      if (!got.ok) {
        expect(got.code).toBe(want.code);
        expect(got.message.length).toBeGreaterThan(20);
      }
      return;
    }
    expect(got.ok).toBe(true);
    if (!got.ok) return;
    expect(got.warnings.map((w) => w.code)).toEqual(want.warnings);
    expect(got.activities.length).toBe(want.activities.length);
    got.activities.forEach((a, i) => {
      const w = want.activities[i];
      expect(a.sport).toBe(w?.sport);
      expect(a.samples.count).toBe(w?.samples);
      if (w?.distanceM === null) expect(a.distanceM).toBeNull();
      else expect(a.distanceM).toBeCloseTo(w?.distanceM ?? Number.NaN, 1);
      if (w?.avgCadenceSpm === null) expect(a.avgCadenceSpm).toBeNull();
      else expect(a.avgCadenceSpm).toBeCloseTo(w?.avgCadenceSpm ?? Number.NaN, 0);
    });
  });

  it.each(corpusFiles())("keeps the invariants on every activity of %s", (name) => {
    const got = result(name);
    if (got.ok) got.activities.forEach(checkInvariants);
  });

  it.each(Object.entries(MANIFEST_CADENCE).filter(([name]) => corpusFiles().includes(name)))(
    "doubles %s's session cadence with its fraction",
    (name, byIndex) => {
      const got = result(name);
      expect(got.ok).toBe(true);
      if (!got.ok) return;
      for (const [index, strides] of Object.entries(byIndex)) {
        const spm = got.activities[Number(index)]?.avgCadenceSpm ?? Number.NaN;
        expect(spm).toBeGreaterThanOrEqual(2 * strides);
        expect(spm).toBeLessThan(2 * strides + 2);
      }
    },
  );
});
