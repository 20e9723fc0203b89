import { Encoder, Profile } from "@garmin/fitsdk";
import type { Encodable, Mesg } from "@garmin/fitsdk";
import { FIT_EPOCH_MS } from "./values.ts";

/** A per-second series: an array indexed by second, or a function of t (seconds since start). NaN = not recorded. */
export type Series = readonly number[] | ((t: number) => number);

export interface EncodeSamples {
  speedMps: Series;
  /** Steps per minute; written back as strides/min + fractional_cadence, as watches do. */
  cadenceSpm?: Series;
  heartRateBpm?: Series;
  altitudeM?: Series;
  /** GPS track; omit for a treadmill-style file without positions. */
  position?: (t: number, distanceM: number) => { latDeg: number; lonDeg: number } | null;
  stepLengthM?: Series;
  verticalOscillationMm?: Series;
  verticalRatioPct?: Series;
  stanceTimeMs?: Series;
}

export interface EncodeSpec {
  start: Date | number;
  durationS: number;
  /** Written as activity.local_timestamp − activity.timestamp. Omit to leave local_timestamp out. */
  utcOffsetS?: number;
  sport?: string;
  subSport?: string;
  device?: { manufacturer?: string; product?: number; serialNumber?: number };
  /** A lap every this many metres (default 1000); the remainder is the last lap. */
  lapEveryM?: number;
  /** Seconds between records (default 1). Larger steps encode long histories faster; the SDK encoder is ~60 µs a record. */
  recordIntervalS?: number;
  samples: EncodeSamples;
}

interface Acc {
  n: number;
  sum: number;
  max: number;
}

type Stats = Record<"speed" | "hr" | "cad" | "step" | "vo" | "vr" | "gct", Acc>;

function at(series: Series | undefined, t: number): number {
  if (series === undefined) return Number.NaN;
  const v = typeof series === "function" ? series(t) : series[t];
  return typeof v === "number" && Number.isFinite(v) ? v : Number.NaN;
}

function newStats(): Stats {
  const acc = (): Acc => ({ n: 0, sum: 0, max: Number.NEGATIVE_INFINITY });
  return { speed: acc(), hr: acc(), cad: acc(), step: acc(), vo: acc(), vr: acc(), gct: acc() };
}

function add(a: Acc, v: number): void {
  if (!Number.isFinite(v)) return;
  a.n++;
  a.sum += v;
  if (v > a.max) a.max = v;
}

function avg(a: Acc): number | undefined {
  return a.n > 0 ? a.sum / a.n : undefined;
}

const SEMI = 2 ** 31 / 180;

/** Strides/min (whole) + fractional part, from steps/min. */
function strides(spm: number): { cadence: number; fractionalCadence: number } {
  const s = spm / 2;
  const whole = Math.floor(s);
  return { cadence: whole, fractionalCadence: Math.round((s - whole) * 128) / 128 };
}

/** Drops undefined/NaN values so the encoder leaves those fields out. */
function clean(m: Record<string, unknown>): Encodable<Mesg> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(m)) {
    if (v === undefined || (typeof v === "number" && !Number.isFinite(v))) continue;
    out[k] = v;
  }
  return out as unknown as Encodable<Mesg>;
}

function summary(stats: Stats, startMs: number, endMs: number, distanceM: number): Record<string, unknown> {
  const cad = avg(stats.cad);
  const c = cad !== undefined ? strides(cad) : undefined;
  const step = avg(stats.step);
  const elapsed = (endMs - startMs) / 1000;
  return {
    timestamp: new Date(endMs),
    startTime: new Date(startMs),
    totalElapsedTime: elapsed,
    totalTimerTime: elapsed,
    totalDistance: distanceM,
    avgSpeed: elapsed > 0 ? distanceM / elapsed : 0,
    enhancedAvgSpeed: elapsed > 0 ? distanceM / elapsed : 0,
    maxSpeed: stats.speed.n > 0 ? stats.speed.max : undefined,
    enhancedMaxSpeed: stats.speed.n > 0 ? stats.speed.max : undefined,
    avgHeartRate: stats.hr.n > 0 ? Math.round(stats.hr.sum / stats.hr.n) : undefined,
    maxHeartRate: stats.hr.n > 0 ? Math.round(stats.hr.max) : undefined,
    avgCadence: c?.cadence,
    avgFractionalCadence: c?.fractionalCadence,
    avgStepLength: step !== undefined ? step * 1000 : undefined,
    avgVerticalOscillation: avg(stats.vo),
    avgVerticalRatio: avg(stats.vr),
    avgStanceTime: avg(stats.gct),
    event: "lap",
    eventType: "stop",
  };
}

/** One record message at second t, updating the running stats. */
function record(
  spec: EncodeSpec,
  t: number,
  tsMs: number,
  distanceM: number,
  stats: Stats[],
): Record<string, unknown> {
  const s = spec.samples;
  const speed = at(s.speedMps, t);
  const spm = at(s.cadenceSpm, t);
  const hr = at(s.heartRateBpm, t);
  const step = at(s.stepLengthM, t);
  const vo = at(s.verticalOscillationMm, t);
  const vr = at(s.verticalRatioPct, t);
  const gct = at(s.stanceTimeMs, t);
  for (const st of stats) {
    add(st.speed, speed);
    add(st.hr, hr);
    if (spm > 0) add(st.cad, spm);
    add(st.step, step);
    add(st.vo, vo);
    add(st.vr, vr);
    add(st.gct, gct);
  }
  const pos = s.position?.(t, distanceM) ?? null;
  const alt = at(s.altitudeM, t);
  return {
    mesgNum: Profile.MesgNum.RECORD,
    timestamp: new Date(tsMs),
    distance: distanceM,
    enhancedSpeed: speed,
    enhancedAltitude: alt,
    heartRate: Number.isFinite(hr) ? Math.round(hr) : undefined,
    ...(Number.isFinite(spm) ? strides(spm) : {}),
    positionLat: pos ? Math.round(pos.latDeg * SEMI) : undefined,
    positionLong: pos ? Math.round(pos.lonDeg * SEMI) : undefined,
    stepLength: Number.isFinite(step) ? step * 1000 : undefined,
    verticalOscillation: vo,
    verticalRatio: vr,
    stanceTime: gct,
  };
}

function writeStart(enc: Encoder, spec: EncodeSpec, startMs: number, sport: string): void {
  const dev = spec.device ?? {};
  enc.writeMesg(
    clean({
      mesgNum: Profile.MesgNum.FILE_ID,
      type: "activity",
      manufacturer: dev.manufacturer ?? "development",
      product: dev.product ?? 0,
      serialNumber: dev.serialNumber,
      timeCreated: new Date(startMs),
    }),
  );
  // Watches name the sport up front, so a file cut off before its session still says what it was.
  enc.writeMesg(clean({ mesgNum: Profile.MesgNum.SPORT, sport, subSport: spec.subSport ?? "generic" }));
  enc.writeMesg(
    clean({
      mesgNum: Profile.MesgNum.EVENT,
      timestamp: new Date(startMs),
      event: "timer",
      eventType: "start",
    }),
  );
}

interface Written {
  distanceM: number;
  session: Stats;
  laps: Record<string, unknown>[];
}

/** The records, collecting session stats and a lap summary every `lapEveryM`. */
function writeRecords(enc: Encoder, spec: EncodeSpec, startMs: number, sport: string): Written {
  const lapEvery = spec.lapEveryM ?? 1000;
  const step = Math.max(1, Math.round(spec.recordIntervalS ?? 1));
  const session = newStats();
  const laps: Record<string, unknown>[] = [];
  let lap = newStats();
  let distanceM = 0;
  let lapStartMs = startMs;
  let lapStartM = 0;
  let prevT = 0;
  const next = (t: number): number => (t === spec.durationS ? t + 1 : Math.min(t + step, spec.durationS));
  for (let t = 0; t <= spec.durationS; t = next(t)) {
    const tsMs = startMs + t * 1000;
    // Speed integrated with the value at the start of each interval.
    if (t > 0) distanceM += Math.max(0, at(spec.samples.speedMps, prevT) || 0) * (t - prevT);
    prevT = t;
    enc.writeMesg(clean(record(spec, t, tsMs, distanceM, [session, lap])));
    const lapDone = distanceM - lapStartM >= lapEvery || t === spec.durationS;
    if (lapDone && tsMs > lapStartMs) {
      const mesg = { mesgNum: Profile.MesgNum.LAP, messageIndex: laps.length, sport };
      laps.push({ ...mesg, ...summary(lap, lapStartMs, tsMs, distanceM - lapStartM) });
      lap = newStats();
      lapStartMs = tsMs;
      lapStartM = distanceM;
    }
  }
  return { distanceM, session, laps };
}

/**
 * Encodes one run as a FIT activity file with the SDK's Encoder: file_id, sport, start event, a record every
 * `recordIntervalS`, laps every `lapEveryM`, a session and an activity whose summaries come from the same records.
 */
export function encodeActivity(spec: EncodeSpec): Uint8Array {
  const startMs = spec.start instanceof Date ? spec.start.getTime() : spec.start;
  const endMs = startMs + spec.durationS * 1000;
  const sport = spec.sport ?? "running";
  const enc = new Encoder();
  writeStart(enc, spec, startMs, sport);
  const { distanceM, session, laps } = writeRecords(enc, spec, startMs, sport);
  enc.writeMesg(
    clean({
      mesgNum: Profile.MesgNum.EVENT,
      timestamp: new Date(endMs),
      event: "timer",
      eventType: "stopAll",
    }),
  );
  for (const l of laps) enc.writeMesg(clean(l));
  enc.writeMesg(
    clean({
      mesgNum: Profile.MesgNum.SESSION,
      ...summary(session, startMs, endMs, distanceM),
      messageIndex: 0,
      sport,
      subSport: spec.subSport ?? "generic",
      firstLapIndex: 0,
      numLaps: laps.length,
      trigger: "activityEnd",
    }),
  );
  const endFit = (endMs - FIT_EPOCH_MS) / 1000;
  enc.writeMesg(
    clean({
      mesgNum: Profile.MesgNum.ACTIVITY,
      timestamp: new Date(endMs),
      totalTimerTime: spec.durationS,
      numSessions: 1,
      type: "manual",
      event: "activity",
      eventType: "stop",
      localTimestamp: spec.utcOffsetS !== undefined ? endFit + spec.utcOffsetS : undefined,
    }),
  );
  return enc.close();
}
