import { Decoder, Profile, Stream } from "@garmin/fitsdk";
import type { FitMessages } from "@garmin/fitsdk";
import { beforeAll, describe, expect, it } from "vitest";
import { RECORD_COLUMNS } from "../../fit-parser/decoder/columns.ts";
import { decodeSegmentData } from "../../fit-parser/decoder/decode.ts";
import { mergeHeartRates } from "../../fit-parser/decoder/hr-merge.ts";
import { MESG, objectFields } from "../../fit-parser/decoder/profile.ts";
import { encodeActivity } from "../../fit-parser/encode.ts";
import type { EncodeSpec } from "../../fit-parser/encode.ts";
import { parseFit } from "../../fit-parser/index.ts";
import { parseFitWithSdk } from "../../fit-parser/sdk-parse.ts";
import { decodeSegment, recordsFromSdk } from "../../fit-parser/sdk-decode.ts";
import { walkSegments } from "../../fit-parser/segments.ts";
import type { ParseResult } from "../../fit-parser/types.ts";
import { corpusFiles, readCorpusFile } from "../support/corpus.ts";
import { differences, pick } from "./decoder-compare.ts";

/** Files the SDK cannot read (MANIFEST.md, "Valid files that the Garmin JS decoder cannot read"). */
const SDK_CANNOT = [
  "fitparse__antfs-dump.63.fit",
  "muktihari__triathlon_summary_first.fit",
  "muktihari__triathlon_summary_last.fit",
];

const OBJECT_MESSAGES = [
  MESG.fileId,
  MESG.deviceInfo,
  MESG.activity,
  MESG.session,
  MESG.lap,
  MESG.sport,
  MESG.hr,
  MESG.developerDataId,
  MESG.fieldDescription,
];

/** Names our decoder gives a message's fields: the wanted fields and their sub-fields. */
function namesOf(mesgNum: number): Set<string> {
  const out = new Set<string>();
  for (const num of objectFields(mesgNum) ?? []) {
    const f = Profile.messages[mesgNum]?.fields[num];
    if (f === undefined) continue;
    out.add(f.name);
    for (const sub of f.subFields) out.add(sub.name);
  }
  return out;
}

const ours = new Map<string, ParseResult>();
const sdk = new Map<string, ParseResult>();

describe("our decoder against @garmin/fitsdk (differential)", () => {
  beforeAll(() => {
    for (const name of corpusFiles()) {
      const bytes = readCorpusFile(name);
      ours.set(name, parseFit(bytes));
      sdk.set(name, parseFitWithSdk(bytes));
    }
  }, 60_000);

  it("lists only files the SDK really fails on as unreadable by it", () => {
    for (const name of SDK_CANNOT) {
      const r = sdk.get(name);
      expect(r?.ok === false && r.code).toBe("unsupported-encoding");
    }
  });

  it.each(corpusFiles().filter((f) => !SDK_CANNOT.includes(f)))(
    "gives %s exactly the SDK path's result: activities, samples, laps, device, offsets, warnings or error",
    (name) => {
      const a = ours.get(name);
      const b = sdk.get(name);
      expect(a?.ok).toBe(b?.ok);
      expect(differences(a, b)).toEqual([]);
    },
  );

  it.each(corpusFiles().filter((f) => !SDK_CANNOT.includes(f)))(
    "decodes every segment of %s into the SDK's record values and message fields",
    (name) => {
      const bytes = readCorpusFile(name);
      let walk;
      try {
        walk = walkSegments(bytes);
      } catch {
        return; // rejected before decoding (empty, not FIT, bad CRC): the result test covers it
      }
      for (const [i, segment] of walk.segments.entries()) {
        let ref: ReturnType<typeof decodeSegment>;
        try {
          ref = decodeSegment(bytes, segment);
        } catch {
          continue;
        }
        const got = decodeSegmentData(bytes, segment);
        expect(got.records.count, `segment ${i} records`).toBe(ref.records.count);
        for (const col of RECORD_COLUMNS) {
          expect(differences(got.records[col], ref.records[col], `${i}.${col}`), col).toEqual([]);
        }
        for (const num of OBJECT_MESSAGES) {
          const key = Profile.messages[num]?.messagesKey ?? "";
          const names = namesOf(num);
          const mine = (got.messages as Record<string, unknown[] | undefined>)[key] ?? [];
          const theirs = (
            (ref.messages as FitMessages as Record<string, unknown[] | undefined>)[key] ?? []
          ).map((m) => pick(m as Record<string, unknown>, names));
          expect(differences(mine, theirs, `${i}.${key}`), key).toEqual([]);
        }
      }
    },
  );
});

const START = Date.UTC(2025, 5, 1, 6, 30);
const GENERATED: Record<string, EncodeSpec> = {
  "a run with every series": {
    start: START,
    durationS: 1200,
    utcOffsetS: 7200,
    device: { manufacturer: "garmin", product: 3113, serialNumber: 42 },
    samples: {
      speedMps: (t) => 2.8 + Math.sin(t / 60),
      cadenceSpm: (t) => (t % 300 < 5 ? 0 : 168 + (t % 7)),
      heartRateBpm: (t) => 120 + t / 40,
      altitudeM: (t) => 40 + 10 * Math.sin(t / 200),
      position: (_t, d) => ({ latDeg: 52.1 + d / 111_000, lonDeg: 4.3 }),
      stepLengthM: () => 1.02,
      verticalOscillationMm: () => 85,
      verticalRatioPct: () => 8.1,
      stanceTimeMs: () => 250,
    },
  },
  "a run with gaps (missing values) and 5 s recording": {
    start: START,
    durationS: 1800,
    recordIntervalS: 5,
    samples: {
      speedMps: (t) => (t > 600 && t < 700 ? Number.NaN : 3.1),
      cadenceSpm: (t) => (t % 100 < 20 ? Number.NaN : 176),
      heartRateBpm: (t) => (t < 60 ? Number.NaN : 150),
    },
  },
  "a ride (cadence in rpm is not steps)": {
    start: START,
    durationS: 900,
    sport: "cycling",
    samples: { speedMps: () => 8, cadenceSpm: () => 90, heartRateBpm: () => 130 },
  },
  "a walk without a time zone": {
    start: START,
    durationS: 600,
    sport: "walking",
    samples: { speedMps: () => 1.4, cadenceSpm: () => 112 },
  },
};

describe("our decoder against @garmin/fitsdk on generated files", () => {
  it.each(Object.keys(GENERATED))("gives %s the SDK path's result", (label) => {
    const spec = GENERATED[label];
    if (spec === undefined) throw new Error(label);
    const bytes = encodeActivity(spec);
    const a = parseFit(bytes);
    const b = parseFitWithSdk(bytes);
    expect(a.ok).toBe(true);
    expect(differences(a, b)).toEqual([]);
  });
});

describe("mergeHeartRates()", () => {
  it("folds a triathlon strap's stored hr messages into the records as the SDK does", () => {
    // sample_mulitple_header keeps 387 hr messages in a segment of their own: read the whole file as the SDK would.
    const bytes = readCorpusFile("fitparse__sample_mulitple_header.fit");
    const read = (merge: boolean): FitMessages =>
      new Decoder(Stream.fromByteArray(bytes)).read({ mergeHeartRates: merge }).messages;
    const plain = read(false);
    const merged = read(true);
    const cols = recordsFromSdk(plain.recordMesgs ?? []);
    const before = Array.from(cols.heartRate);
    mergeHeartRates((plain.hrMesgs ?? []) as Record<string, unknown>[], cols);
    const want = recordsFromSdk(merged.recordMesgs ?? []).heartRate;
    expect(differences(cols.heartRate, want)).toEqual([]);
    // The merge must have changed something, or this test proves nothing.
    expect(differences(before, want).length).toBeGreaterThan(0);
  });
});

/** What the SDK returns before it gives up: messages written before the failure point. */
function sdkPartial(bytes: Uint8Array): FitMessages {
  return new Decoder(Stream.fromByteArray(bytes)).read().messages;
}

function okResult(name: string): Extract<ParseResult, { ok: true }> {
  const r = parseFit(readCorpusFile(name));
  if (!r.ok) throw new Error(`${name}: ${r.code}`);
  return r;
}

describe("files the SDK cannot read, against MANIFEST.md", () => {
  it("reads the compressed-timestamp FR70 dump: 686 records, one a header, times strictly rising, no GPS", () => {
    const r = okResult("fitparse__antfs-dump.63.fit");
    expect(r.activities).toHaveLength(1);
    const a = r.activities[0];
    expect(a?.sport).toBe("running");
    expect(a?.device.product).toBe("fr70");
    expect(a?.samples.count).toBe(686);
    expect(a?.avgCadenceSpm).toBeNull();
    expect(Array.from(a?.samples.latDeg ?? []).every(Number.isNaN)).toBe(true);
    const t = Array.from(a?.samples.timeS ?? []);
    expect(t.every((v, i) => i === 0 || v > (t[i - 1] ?? Infinity))).toBe(true);
    // Its heart rate is in the records; the session says 162 average.
    expect(a?.avgHeartRateBpm).toBe(162);
    expect(Array.from(a?.samples.heartRateBpm ?? []).filter(Number.isFinite).length).toBeGreaterThan(600);
  });

  it("agrees with the messages the SDK returns before it stops (file_id, session, lap)", () => {
    for (const name of SDK_CANNOT) {
      const bytes = readCorpusFile(name);
      const partial = sdkPartial(bytes);
      const [segment] = walkSegments(bytes).segments;
      if (segment === undefined) throw new Error(name);
      const got = decodeSegmentData(bytes, segment).messages;
      for (const num of [MESG.fileId, MESG.session, MESG.lap]) {
        const key = Profile.messages[num]?.messagesKey ?? "";
        const theirs = ((partial as Record<string, unknown[] | undefined>)[key] ?? []).map((m) =>
          pick(m as Record<string, unknown>, namesOf(num)),
        );
        if (theirs.length === 0) continue;
        const mine = ((got as Record<string, unknown[] | undefined>)[key] ?? []).slice(0, theirs.length);
        expect(differences(mine, theirs, `${name} ${key}`)).toEqual([]);
      }
    }
    // summary_first holds its 5 sessions before the records the SDK crashes on: the check above compared them.
    expect(sdkPartial(readCorpusFile("muktihari__triathlon_summary_first.fit")).sessionMesgs).toHaveLength(5);
  });

  it.each(["muktihari__triathlon_summary_first.fit", "muktihari__triathlon_summary_last.fit"])(
    "reads the Forerunner 255 triathlon %s: swim, T1, bike, T2, run; the run has cadence and running dynamics",
    (name) => {
      const r = okResult(name);
      expect(r.warnings).toEqual([]);
      expect(r.activities.map((a) => a.sport)).toEqual([
        "swimming",
        "transition",
        "cycling",
        "transition",
        "running",
      ]);
      expect(r.activities[0]?.subSport).toBe("openWater");
      expect(r.activities.every((a) => a.device.product === "fr255")).toBe(true);
      const run = r.activities[4];
      // MANIFEST: the run session's average cadence is 80 strides/min.
      expect(run?.avgCadenceSpm).toBeGreaterThanOrEqual(160);
      expect(run?.avgCadenceSpm).toBeLessThan(162);
      expect(run?.hasRunningDynamics).toBe(true);
      const cad = Array.from(run?.samples.cadenceSpm ?? []).filter((v) => v > 0);
      expect(cad.length).toBeGreaterThan(0.9 * (run?.samples.count ?? 0));
      expect(Array.from(run?.samples.stepLengthM ?? []).filter(Number.isFinite).length).toBeGreaterThan(1000);
      // Non-foot legs never get steps per minute.
      expect(r.activities.slice(0, 4).every((a) => a.avgCadenceSpm === null)).toBe(true);
    },
  );

  it("reads summary_first and summary_last as the same activity", () => {
    const first = okResult("muktihari__triathlon_summary_first.fit").activities;
    const last = okResult("muktihari__triathlon_summary_last.fit").activities;
    const summaries = (as: typeof first): unknown[] => as.map(({ samples: _s, ...rest }) => rest);
    expect(differences(summaries(first), summaries(last))).toEqual([]);
    first.forEach((a, i) => {
      const b = last[i];
      if (b === undefined) throw new Error("missing leg");
      // The summary-last file may keep one more record at the end of a leg; the rest is the same.
      const n = Math.min(a.samples.count, b.samples.count);
      expect(Math.abs(a.samples.count - b.samples.count)).toBeLessThanOrEqual(1);
      for (const col of ["timeS", "distanceM", "speedMps", "heartRateBpm", "cadenceSpm", "latDeg"] as const) {
        expect(differences(a.samples[col].subarray(0, n), b.samples[col].subarray(0, n), col)).toEqual([]);
      }
    });
  });

  it("keeps the whole messages of a cut-off FR255 triathlon, as a prefix of the full file", () => {
    const full = okResult("muktihari__triathlon_summary_last.fit").activities;
    const bytes = readCorpusFile("muktihari__triathlon_summary_last.fit");
    const cut = parseFit(bytes.subarray(0, Math.floor(bytes.length * 0.6)));
    expect(cut.ok).toBe(true);
    if (!cut.ok) return;
    expect(cut.warnings.map((w) => w.code)).toContain("truncated-file");
    const swim = cut.activities[0];
    const fullSwim = full[0];
    expect(swim?.sport).toBe("swimming");
    const n = swim?.samples.count ?? 0;
    expect(n).toBeGreaterThan(100);
    expect(differences(swim?.samples.timeS, fullSwim?.samples.timeS.subarray(0, n))).toEqual([]);
  });
});

describe("decodeSegmentData() developer fields", () => {
  it("keeps the Stryd field descriptions (names, units) while skipping their values", () => {
    const bytes = readCorpusFile("elevate__portland.fit");
    const [segment] = walkSegments(bytes).segments;
    if (segment === undefined) throw new Error("no segment");
    const got = decodeSegmentData(bytes, segment);
    // MANIFEST: Stryd Connect IQ developer fields (7 field descriptions) on a Forerunner 935 run.
    expect(got.developerFields).toHaveLength(7);
    expect(got.developerFields.map((f) => f.name)).toEqual(
      expect.arrayContaining(["Power", "Form Power", "Leg Spring Stiffness"]),
    );
    expect(got.developerFields.find((f) => f.name === "Power")?.units).toBe("Watts");
    expect(got.records.count).toBe(6180);
  });
});
