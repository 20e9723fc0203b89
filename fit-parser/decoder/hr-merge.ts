import { COL } from "./columns.ts";
import type { RecordColumns } from "./columns.ts";

// HRM-Swim/Tri straps store heart rate while the watch cannot hear them and send it afterwards as `hr` messages;
// the SDK (mergeHeartRates, on by default) folds them into the records. This does the same on columns.

const FIT_EPOCH_MS = 631065600000;
const GAP_STEP_S = 0.25;
const GAP_MAX_STEPS = 20;
const ROLLOVER = 0x400000;

interface Beat {
  t: number;
  bpm: number;
}

function list(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [v];
}

/** Heart rates with absolute times, gaps up to 5 s filled in 0.25 s steps; null when the messages do not add up. */
function expand(hrMesgs: readonly Record<string, unknown>[]): Beat[] | null {
  let anchorEvent = 0;
  let anchor: number | null = null;
  const beats: Beat[] = [];
  for (const m of hrMesgs) {
    const events = list(m["eventTimestamp"]);
    const bpms = list(m["filteredBpm"]);
    const ts = m["timestamp"];
    if (ts instanceof Date) {
      const frac = m["fractionalTimestamp"];
      anchor = (ts.getTime() - FIT_EPOCH_MS) / 1000 + (typeof frac === "number" ? frac : 0);
      if (events.length !== 1) return null;
      anchorEvent = Number(events[0]);
      if (Number.isNaN(anchorEvent)) return null;
    }
    if (anchor === null || events.length !== bpms.length) return null;
    for (let i = 0; i < events.length; i++) {
      let event = Number(events[i]);
      if (event < anchorEvent) {
        if (anchorEvent - event > ROLLOVER) event += ROLLOVER;
        else return null;
      }
      const beat = { t: anchor + (event - anchorEvent), bpm: Number(bpms[i]) };
      const prev = beats[beats.length - 1];
      if (prev !== undefined) {
        let gapMs = Math.abs(beat.t - prev.t) * 1000;
        for (let step = 1; gapMs > GAP_STEP_S * 1000 && step <= GAP_MAX_STEPS; step++) {
          beats.push({ t: prev.t + GAP_STEP_S * step, bpm: prev.bpm });
          gapMs -= GAP_STEP_S * 1000;
        }
      }
      beats.push(beat);
    }
  }
  return beats;
}

/** Sets each record's heart rate to the mean of the hr beats since the record before it (SDK rules). */
export function mergeHeartRates(hrMesgs: readonly Record<string, unknown>[], rec: RecordColumns): void {
  if (hrMesgs.length === 0 || rec.count === 0) return;
  const beats = expand(hrMesgs);
  if (beats === null) return;
  // Never write into a column the decoder may share between fields it found no values for.
  rec.heartRate = rec.heartRate.slice();
  // Means of the beats are not checked here: the samples check this column value by value.
  rec.mayStray |= 1 << COL.heartRate;
  let k = 0;
  let rangeStart: number | null = null;
  for (let i = 0; i < rec.count; i++) {
    let sum = 0;
    let n = 0;
    const rangeEnd = rec.timestamp[i] ?? Number.NaN;
    if (rangeStart === null) rangeStart = rangeEnd;
    if (rangeStart === rangeEnd) {
      rangeStart--;
      k = k >= 1 ? k - 1 : 0;
    }
    while (k < beats.length) {
      const b = beats[k] as Beat;
      if (b.t > rangeStart && b.t <= rangeEnd) {
        sum += b.bpm;
        n++;
      } else if (b.t > rangeEnd) {
        if (n > 0) rec.heartRate[i] = Math.round(sum / n);
        rangeStart = rangeEnd;
        break;
      }
      k++;
    }
  }
}
