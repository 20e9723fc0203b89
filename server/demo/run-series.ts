import { normalSource } from "../core/random.ts";
import type { RunSeries } from "../core/types.ts";

/** How one generated run should look. */
export interface RunPlan {
  distanceM: number;
  kind: "easy" | "long" | "tempo";
  easySpeedMps: number;
  tempoSpeedMps: number;
  /** The runner's own line: spm = interceptSpm + slopeSpmPerMps × speed. */
  interceptSpm: number;
  slopeSpmPerMps: number;
  /** Run-level cadence offset as a fraction (day-to-day variation). */
  cadenceOffset: number;
  /** Overstriding: this fraction off the line, over [fromFraction, toFraction] of the run. */
  overstriding: { offset: number; fromFraction: number; toFraction: number } | null;
  /** Cadence falls by this fraction over the last quarter (fatigue). */
  lateDrop: number;
  withPause: boolean;
  sampleIntervalS: number;
}

export interface GeneratedSeries {
  series: RunSeries;
  timerS: number;
  elapsedS: number;
  avgSpeedMps: number;
  avgCadenceSpm: number;
}

function targetSpeed(plan: RunPlan, progress: number): number {
  if (progress < 0.08) return plan.easySpeedMps * 0.92;
  if (plan.kind === "tempo" && progress > 0.25 && progress < 0.8) return plan.tempoSpeedMps;
  if (plan.kind === "long") return plan.easySpeedMps * 0.97;
  return plan.easySpeedMps;
}

/** Per-sample speed, cadence and running dynamics with realistic noise, sized to the planned distance. */
export function generateSeries(plan: RunPlan, random: () => number): GeneratedSeries {
  const normal = normalSource(random);
  const dt = plan.sampleIntervalS;
  const meanSpeed = plan.kind === "tempo" ? (plan.easySpeedMps + plan.tempoSpeedMps) / 2 : plan.easySpeedMps;
  const n = Math.ceil(plan.distanceM / meanSpeed / dt) + 200;
  const cols = {
    timeS: new Float64Array(n),
    distanceM: new Float64Array(n),
    speedMps: new Float32Array(n),
    cadenceSpm: new Float32Array(n),
    heartRateBpm: new Float32Array(n),
    stepLengthM: new Float32Array(n),
    verticalOscillationMm: new Float32Array(n),
    verticalRatioPct: new Float32Array(n),
    stanceTimeMs: new Float32Array(n),
  };
  const pauseAt = plan.withPause ? 0.3 + random() * 0.4 : 2;
  let pauseLeftS = 0;
  let paused = false;
  let noise = 0;
  let distance = 0;
  let time = 0;
  let runningS = 0;
  let cadenceSum = 0;
  let i = 0;
  for (; i < n && distance < plan.distanceM; i++) {
    const progress = distance / plan.distanceM;
    if (!paused && progress >= pauseAt) {
      paused = true;
      pauseLeftS = 30 + random() * 60;
    }
    const stopped = pauseLeftS > 0;
    noise = 0.9 * noise + 0.012 * normal();
    const speed = stopped ? 0 : Math.max(1.6, targetSpeed(plan, progress) * (1 + noise));
    let factor = 1 + plan.cadenceOffset;
    const o = plan.overstriding;
    if (o && progress >= o.fromFraction && progress < o.toFraction) factor += o.offset;
    if (progress > 0.75) factor -= plan.lateDrop * ((progress - 0.75) / 0.25);
    const cadence = stopped
      ? Number.NaN
      : (plan.interceptSpm + plan.slopeSpmPerMps * speed) * factor + 1.5 * normal();
    const stepM = stopped ? Number.NaN : (60 * speed) / cadence;
    const vo = stopped ? Number.NaN : 80 + 4 * normal();
    cols.timeS[i] = time;
    cols.distanceM[i] = distance;
    cols.speedMps[i] = speed;
    cols.cadenceSpm[i] = cadence;
    cols.heartRateBpm[i] = 125 + 14 * (speed - plan.easySpeedMps) + 12 * progress + 2 * normal();
    cols.stepLengthM[i] = stepM;
    cols.verticalOscillationMm[i] = vo;
    cols.verticalRatioPct[i] = vo / (stepM * 10);
    cols.stanceTimeMs[i] = stopped ? Number.NaN : 250 - 20 * (speed - 3) + 5 * normal();
    if (stopped) pauseLeftS -= dt;
    else {
      runningS += dt;
      cadenceSum += cadence * dt;
    }
    distance += speed * dt;
    time += dt;
  }
  const series: RunSeries = Object.fromEntries(
    Object.entries(cols).map(([k, v]) => [k, v.subarray(0, i)]),
  ) as unknown as RunSeries;
  return {
    series,
    timerS: runningS,
    elapsedS: time,
    avgSpeedMps: distance / runningS,
    avgCadenceSpm: cadenceSum / runningS,
  };
}
