import { expectedCadence, type CadenceModel } from "../../core/cadence-model.ts";
import { formatDistance } from "../../core/format.ts";
import type { RunFindings } from "../../core/insights.ts";
import type { Units } from "../../core/types.ts";
import type { StoredActivity } from "../../db/activities-repo.ts";
import { lapMedianCadences } from "../../core/lap-cadence.ts";
import { fileClock } from "../../core/date-fix.ts";
import type { ActivityDetail, LapView, RunDateFix, SeriesView } from "../../api/index.ts";
import { toListItem } from "./analysis.ts";

/** Charts need no more points than a wide screen has pixels. */
const MAX_POINTS = 600;
const RUNNING_SPEED_MPS = 1.5;

function bucketMean(values: ArrayLike<number>, from: number, to: number): number | null {
  let sum = 0;
  let n = 0;
  for (let i = from; i < to; i++) {
    const v = values[i] as number;
    if (Number.isFinite(v)) {
      sum += v;
      n++;
    }
  }
  return n === 0 ? null : sum / n;
}

/** The activity's columns averaged into at most MAX_POINTS buckets, with expected cadence at each speed. */
export function downsampleSeries(a: StoredActivity, model: CadenceModel | null): SeriesView {
  const s = a.samples;
  const per = Math.max(1, Math.ceil(s.count / MAX_POINTS));
  const out: SeriesView = {
    timeS: [],
    distanceM: [],
    speedMps: [],
    cadenceSpm: [],
    expectedCadenceSpm: [],
    heartRateBpm: [],
    altitudeM: [],
    stepLengthM: [],
    verticalOscillationMm: [],
    verticalRatioPct: [],
    stanceTimeMs: [],
  };
  for (let from = 0; from < s.count; from += per) {
    const to = Math.min(s.count, from + per);
    const speed = bucketMean(s.speedMps, from, to);
    out.timeS.push(s.timeS[from] as number);
    out.distanceM.push(bucketMean(s.distanceM, from, to));
    out.speedMps.push(speed);
    out.cadenceSpm.push(bucketMean(s.cadenceSpm, from, to));
    out.expectedCadenceSpm.push(
      model && a.isRun && speed !== null && speed >= RUNNING_SPEED_MPS ? expectedCadence(model, speed) : null,
    );
    out.heartRateBpm.push(bucketMean(s.heartRateBpm, from, to));
    out.altitudeM.push(bucketMean(s.altitudeM, from, to));
    out.stepLengthM.push(bucketMean(s.stepLengthM, from, to));
    out.verticalOscillationMm.push(bucketMean(s.verticalOscillationMm, from, to));
    out.verticalRatioPct.push(bucketMean(s.verticalRatioPct, from, to));
    out.stanceTimeMs.push(bucketMean(s.stanceTimeMs, from, to));
  }
  return out;
}

function notesFor(findings: RunFindings | undefined, units: Units): string[] {
  if (!findings) return [];
  const notes: string[] = [];
  const c = findings.cadence;
  if (c.medianResidualPct !== null && c.expectedCadenceSpm !== null && c.medianCadenceSpm !== null) {
    const pct = Math.round(Math.abs(c.medianResidualPct));
    const direction = c.medianResidualPct < 0 ? "below" : "above";
    notes.push(
      `Your median cadence was ${Math.round(c.medianCadenceSpm)} spm, ${pct}% ${direction} the ${Math.round(c.expectedCadenceSpm)} spm expected at your speeds.`,
    );
  }
  if (c.flag !== "none") {
    notes.push(
      `Possible overstriding (low cadence for your speed) in ${Math.round(c.flaggedFraction * 100)}% of the running time. A watch cannot see where your foot lands: a side-on phone video can.`,
    );
  }
  if (c.lateDrop?.flagged) {
    notes.push(
      `Your cadence fell late in the run: ${c.lateDrop.dropPoints.toFixed(1)} points lower in the last quarter than in the first, a sign of fatigue.`,
    );
  }
  const s = findings.spike;
  if (s.ratio === null) {
    notes.push("No run in the 30 days before this one, so there is no recent base to compare it with.");
  } else if (s.spike) {
    notes.push(
      `This run was ${Math.round((s.ratio - 1) * 100)}% longer than your longest in the 30 days before (${formatDistance(s.l30M ?? 0, units)}).`,
    );
  }
  return notes;
}

/** The lap table: each lap with its median cadence from the full samples, not the downsampled chart series. */
function lapViews(a: StoredActivity): LapView[] {
  const medians = lapMedianCadences(a.samples, a.startUtc, a.laps);
  return a.laps.map((lap, index) => ({ index, ...lap, medianCadenceSpm: medians[index] ?? null }));
}

/** The runner's date fix, with the file's own date it undoes to; null for a run left as its file dates it. */
function dateFixOf(a: StoredActivity): RunDateFix | null {
  if (a.dateShiftS === 0 && !a.dateConfirmed) return null;
  const file = fileClock(a);
  return {
    shiftS: a.dateShiftS,
    confirmed: a.dateConfirmed,
    fileLocalDate: file.localDate,
    fileLocalStartTime: file.localTime,
  };
}

export function toActivityDetail(
  a: StoredActivity,
  fileName: string,
  findings: RunFindings | undefined,
  model: CadenceModel | null,
  units: Units,
): ActivityDetail {
  const c = findings?.cadence;
  return {
    summary: {
      ...toListItem(a, findings),
      elapsedS: a.elapsedS,
      maxSpeedMps: a.maxSpeedMps,
      maxHeartRateBpm: a.maxHeartRateBpm,
      totalAscentM: a.totalAscentM,
      avgStepLengthM: a.avgStepLengthM,
      avgVerticalOscillationMm: a.avgVerticalOscillationMm,
      avgVerticalRatioPct: a.avgVerticalRatioPct,
      avgStanceTimeMs: a.avgStanceTimeMs,
      hasRunningDynamics: a.hasRunningDynamics,
      fileName,
      flaggedShare: c && c.basis !== "none" ? c.flaggedFraction : null,
      lateDropPts: c?.lateDrop?.dropPoints ?? null,
      dateFix: dateFixOf(a),
      utcOffsetS: a.utcOffsetS ?? 0,
      utcOffsetSource: a.utcOffsetSource,
    },
    laps: lapViews(a),
    series: downsampleSeries(a, model),
    flaggedSegments: (c?.segments ?? []).map((seg) => ({
      startS: seg.startS,
      endS: seg.endS,
      medianResidualPct: seg.medianResidualPct,
    })),
    notes: notesFor(findings, units),
  };
}
