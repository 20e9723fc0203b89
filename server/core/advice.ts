import {
  absoluteLowReason,
  cadenceReason,
  cadenceTarget,
  ceilingReason,
  correlationReason,
  lateDropReason,
  spikeReason,
  weeklyReason,
} from "./advice-reasons.ts";
import type { CadenceModel } from "./cadence-model.ts";
import type { CorrelationResult, Hypothesis } from "./correlation.ts";
import { addDays, formatDay } from "./dates.ts";
import type { NextRunCeiling, RunSpike } from "./load.ts";
import type { RollingChange } from "./load-series.ts";
import type { CadenceAnalysis } from "./overstriding.ts";
import type { PainEntry, PainLocation } from "./pain.ts";
import type { RedFlagFinding } from "./red-flags.ts";
import { sortedByStart } from "./run-order.ts";
import type { Run, Units } from "./types.ts";

export const NOT_MEDICAL_ADVICE =
  "Stridewise is not medical advice: it shows associations in your own data, not causes. If pain persists or worries you, see a healthcare professional.";

export type TipCause = "red_flag" | "overstriding" | "mileage_spike" | "anterior_pain" | "lateral_pain";

/** One piece of advice with the numbers it rests on (science.md §6). */
export interface Tip {
  id: string;
  cause: TipCause;
  title: string;
  body: string;
  because: string[];
  source: string;
}

export interface AdviceInput {
  today: string;
  units: Units;
  runs: readonly Run[];
  cadence: ReadonlyMap<number, CadenceAnalysis>;
  spikes: readonly RunSpike[];
  /** Rolling 7-day changes through today (only the last 28 days are read). */
  weeklyChanges: readonly RollingChange[];
  ceiling: NextRunCeiling | null;
  correlations: readonly CorrelationResult[];
  pain: readonly PainEntry[];
  redFlags: readonly RedFlagFinding[];
  model: CadenceModel;
  /** The runner's usual running speed (m/s), for the cadence target. */
  usualSpeedMps?: number;
  /** How far back "recent" reaches (days). */
  recentDays?: number;
}

/** Picks the tips the data supports: red flags first, then causes linked to pain, then the rest. */
export function selectAdvice(input: AdviceInput): Tip[] {
  const from = addDays(input.today, -((input.recentDays ?? 28) - 1));
  const recent = input.runs.filter((r) => r.localDate >= from && r.localDate <= input.today);
  const recentPain = input.pain.filter((e) => e.date >= from && e.date <= input.today && e.severity > 0);
  const linked = new Set(input.correlations.filter((c) => c.verdict === "linked").map((c) => c.hypothesis));
  const tips = [
    redFlagTip(input),
    overstridingTip(input, recent, recentPain, linked),
    mileageTip(input, recent, linked),
    anteriorTip(input, recentPain),
    lateralTip(input, recentPain),
  ].filter((tip): tip is Tip => tip !== null);
  const rank = (tip: Tip): number =>
    tip.cause === "red_flag" ? 0 : linked.has(tip.cause as Hypothesis) ? 1 : 2;
  return tips
    .map((tip, i) => ({ tip, i }))
    .sort((a, b) => rank(a.tip) - rank(b.tip) || a.i - b.i)
    .map((x) => x.tip);
}

function redFlagTip(input: AdviceInput): Tip | null {
  if (input.redFlags.length === 0) return null;
  const groin =
    input.redFlags.some((f) => f.id === "deep_groin_worse_with_running_or_hopping") ||
    input.pain.some(
      (e) => e.location === "deep_groin" && e.severity >= 3 && e.date >= addDays(input.today, -27),
    );
  return {
    id: "see-a-professional",
    cause: "red_flag",
    title: "See a healthcare professional before you run again",
    body:
      "What you logged is on the list of signs that need a clinician's eyes (a GP, sports physician or physiotherapist), " +
      "whatever your cadence and mileage show." +
      (groin
        ? " Deep groin pain that worsens with running can be a stress fracture of the femoral neck: stop running until it has been checked."
        : ""),
    because: input.redFlags.map((f) => f.message),
    source:
      "Hip-pain red flags: Grimaldi & Fearon 2015 (JOSPT); Robertson & Wood 2017 (Sports Med Int Open); Silbernagel 2007 (pain-monitoring model); Farrar 2001 (Pain 94:149)",
  };
}

function overstridingTip(
  input: AdviceInput,
  recent: readonly Run[],
  recentPain: readonly PainEntry[],
  linked: ReadonlySet<Hypothesis>,
): Tip | null {
  const { units, today } = input;
  const because: string[] = [];
  const correlation = input.correlations.find((c) => c.hypothesis === "overstriding");
  if (correlation && linked.has("overstriding")) because.push(correlationReason(correlation));
  const latestFirst = sortedByStart(recent, true);
  const analysed = latestFirst
    .map((run) => ({ run, a: input.cadence.get(run.id) }))
    .filter((x): x is { run: Run; a: CadenceAnalysis } => x.a !== undefined);
  for (const { run, a } of analysed.filter((x) => x.a.flag !== "none").slice(0, 3))
    because.push(cadenceReason(run, a, units, today));
  for (const { run, a } of analysed.filter((x) => x.a.absoluteLow && x.a.flag === "none").slice(0, 1))
    because.push(absoluteLowReason(run, a, today));
  for (const { run, a } of analysed.filter((x) => x.a.lateDrop?.flagged).slice(0, 2))
    because.push(lateDropReason(run, a, today));
  if (because.length === 0) return null;
  const anterior = recentPain.some((e) => e.location === "anterior");
  return {
    id: "raise-cadence",
    cause: "overstriding",
    title: "Possible overstriding (low cadence for your speed): take quicker, lighter steps",
    body:
      `Take shorter, lighter, quicker steps with an upright posture and an engaged core. Raise your cadence by 5% ` +
      `(${cadenceTarget(input.model, units, input.usualSpeedMps)}) with a metronome` +
      (anterior
        ? "; because you have logged pain at the front of the hip, stay at +5% for now (quicker steps load the hip flexors more)."
        : ", then up to 10% over several weeks if it feels fine.") +
      " A watch cannot see where your foot lands: film yourself side-on, or ask a coach or physio for a gait analysis.",
    because,
    source: "Heiderscheit 2011 (MSSE 43:296); Lenhart 2014 (MSSE 46:557); van Oeveren 2019 (J Sports Sci)",
  };
}

function mileageTip(input: AdviceInput, recent: readonly Run[], linked: ReadonlySet<Hypothesis>): Tip | null {
  const { units, today } = input;
  const because: string[] = [];
  const correlation = input.correlations.find((c) => c.hypothesis === "mileage_spike");
  if (correlation && linked.has("mileage_spike")) because.push(correlationReason(correlation));
  const spikeById = new Map(input.spikes.map((s) => [s.runId, s]));
  const spiky = sortedByStart(recent, true)
    .filter((r) => spikeById.get(r.id)?.spike)
    .slice(0, 3);
  for (const run of spiky) because.push(spikeReason(run, spikeById.get(run.id) as RunSpike, units, today));
  const from = addDays(today, -27);
  const noted = input.weeklyChanges.filter((c) => c.noted && c.date >= from);
  const worst = noted.reduce<RollingChange | null>(
    (best, c) => (best === null || (c.change ?? 0) > (best.change ?? 0) ? c : best),
    null,
  );
  if (worst) because.push(weeklyReason(worst, units, today));
  if (because.length === 0) return null;
  if (input.ceiling) because.push(ceilingReason(input.ceiling, units, today));
  return {
    id: "build-gradually",
    cause: "mileage_spike",
    title: "Build distance gradually, and strengthen your hips",
    body:
      "Keep each run within 10% of your longest run of the last 30 days and build gradually. Strengthen your hips 2–3 times a " +
      "week: side-lying hip abduction, clamshells and bridges. Keep the hips supple: hip flexor stretch and pigeon pose.",
    because,
    source: "Frandsen 2025 (BJSM 59:1203); Nielsen 2014 (JOSPT); Buist 2008 (AJSM 36:33)",
  };
}

function painDays(entries: readonly PainEntry[], location: PainLocation): PainEntry[] {
  return entries.filter((e) => e.location === location).sort((a, b) => a.date.localeCompare(b.date));
}

function anteriorTip(input: AdviceInput, recentPain: readonly PainEntry[]): Tip | null {
  const days = painDays(recentPain, "anterior");
  if (days.length === 0) return null;
  const worst = days.reduce((w, e) => (e.severity > w.severity ? e : w));
  return {
    id: "hip-flexors",
    cause: "anterior_pain",
    title: "Front-of-hip pain: ease tight, overloaded hip flexors",
    body:
      "Kneeling hip flexor stretch, lunges, butterfly stretch and a foam roller. Long, fast strides load the hip flexors: " +
      "if you raise your cadence, do it gently (+5%).",
    because: [
      `You logged pain at the front of the hip on ${new Set(days.map((e) => e.date)).size} day(s) since ${formatDay(days[0]?.date ?? input.today, input.today)}, ` +
        `worst ${worst.severity}/10 on ${formatDay(worst.date, input.today)}.`,
    ],
    source: "Lenhart, Thelen & Heiderscheit 2014 (JOSPT); Lieberman 2015 (J Exp Biol 218:3406)",
  };
}

function lateralTip(input: AdviceInput, recentPain: readonly PainEntry[]): Tip | null {
  const days = painDays(recentPain, "lateral");
  const first = days[0];
  const last = days[days.length - 1];
  // "Persists": at least 3 days of outer-hip pain spread over 2 weeks or more.
  if (!first || !last || days.length < 3 || last.date < addDays(first.date, 13)) return null;
  return {
    id: "lateral-hip",
    cause: "lateral_pain",
    title: "Outer-hip pain that persists: get it checked",
    body:
      'Pain on the outside of the hip that keeps coming back can be gluteal tendinopathy ("trochanteric bursitis"): see a ' +
      "physiotherapist or sports physician. Meanwhile avoid crossing your legs and sleeping on that side, cut long and fast " +
      "runs, and do isometric hip abduction (pushing the leg out against a wall, 5 × 45 s). Education and exercise beat an injection in the LEAP trial.",
    because: [
      `You logged pain on the outside of the hip on ${new Set(days.map((e) => e.date)).size} days between ${formatDay(first.date, input.today)} and ${formatDay(last.date, input.today)}.`,
    ],
    source: "Mellor 2018 (BMJ 361:k1662, LEAP trial); Grimaldi & Fearon 2015 (JOSPT)",
  };
}
