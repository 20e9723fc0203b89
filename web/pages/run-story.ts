import type { ActivityDetail } from "../../server/api/index.ts";
import { cadenceAgainstExpected, noCadenceVerdict } from "../cadence-words.ts";
import { fmtDuration, fmtPace } from "../format.ts";

// A run's one story: what its cadence flag rests on, in running-time medians, the average used everywhere.

const RUNNING_SPEED_MPS = 1.5;

function median(xs: number[]): number | null {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? (s[mid] ?? null) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
}

function quantile(sorted: number[], q: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.round((sorted.length - 1) * q)))] ?? null;
}

/** The pace range (10th–90th percentile of speed) over the flagged stretches: "6:10–6:40 /km". */
export function flaggedPaceRange(d: ActivityDetail): string | null {
  const { timeS, speedMps } = d.series;
  const speeds: number[] = [];
  timeS.forEach((t, i) => {
    const v = speedMps[i];
    if (v === null || v === undefined || v < RUNNING_SPEED_MPS) return;
    if (d.flaggedSegments.some((seg) => t >= seg.startS && t <= seg.endS)) speeds.push(v);
  });
  speeds.sort((a, b) => a - b);
  const slow = quantile(speeds, 0.1);
  const fast = quantile(speeds, 0.9);
  if (slow === null || fast === null) return null;
  const [a, b] = [fmtPace(fast, false), fmtPace(slow)];
  return a === b.split(" ")[0] ? b : `${a}–${b}`;
}

/** The lead sentences of a run page: what the flag rests on (share, depth, speeds), then the whole-run medians. */
export function runStory(d: ActivityDetail): string[] {
  const s = d.summary;
  if (!s.isRun) return [];
  if (s.medianCadenceSpm === null) return [noCadenceVerdict()];
  const whole = cadenceAgainstExpected(s);
  const flag = s.flags.overstriding;
  if (flag !== "possible" && flag !== "marked") return [whole];
  const segs = d.flaggedSegments;
  const minutes = segs.reduce((sum, seg) => sum + (seg.endS - seg.startS), 0);
  const depth = median(segs.map((seg) => seg.medianResidualPct));
  const paces = flaggedPaceRange(d);
  const lead =
    segs.length > 0 && s.flaggedShare !== null
      ? `Low cadence for your speed${flag === "marked" ? " (marked)" : ""}: for ${Math.round(s.flaggedShare * 100)}% of the running time (${segs.length} stretch${segs.length === 1 ? "" : "es"}, ${fmtDuration(minutes)} in all) your cadence sat a median ${Math.round(Math.abs(depth ?? 0))}% below what you usually run at those speeds${paces ? ` (${paces})` : ""}.`
      : `Low cadence for your speed${flag === "marked" ? " (marked)" : ""}: over the whole run your cadence sat a median ${Math.round(Math.abs(s.cadenceResidualPct ?? 0))}% below what you usually run at your speeds.`;
  return [
    lead,
    whole,
    "A run is flagged when at least 20% of its running time is 5% or more below expected for 5 minutes at a stretch, or its median is 5% below; “marked” from 10%.",
  ];
}
