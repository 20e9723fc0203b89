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
import type { PainEntry } from "./pain.ts";
import { openRedFlags, type RedFlagFinding } from "./red-flags.ts";
import { buttockTip, innerThighTip, painDays } from "./advice-locations.ts";
import { sortedByStart } from "./run-order.ts";
import type { Run, Units } from "./types.ts";

export const NOT_MEDICAL_ADVICE =
  "Stridewise is not medical advice: it shows associations in your own data, not causes. If pain persists or worries you, see a healthcare professional.";

export type TipCause =
  | "red_flag"
  | "persisting_pain"
  | "overstriding"
  | "mileage_spike"
  | "anterior_pain"
  | "lateral_pain"
  | "inner_thigh_pain"
  | "buttock_pain";

/** One piece of advice with the numbers it rests on (science.md §6). */
export interface Tip {
  id: string;
  cause: TipCause;
  title: string;
  body: string;
  because: string[];
  /** The statistics behind `because`, kept apart so the reasons read as words first. */
  details?: string[];
  /** Exercises this tip asks for, by id, when the tip chooses them rather than naming them in passing. */
  exercises?: string[];
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
  /** The runner's own recent cadence at that speed (spm): the +5% target starts from it, not from the model. */
  ownCadenceSpm?: number | null;
  /** How far back "recent" reaches (days). */
  recentDays?: number;
}

/** Picks the tips the data supports: red flags first, then causes linked to pain, then the rest. */
export function selectAdvice(input: AdviceInput): Tip[] {
  const from = addDays(input.today, -((input.recentDays ?? 28) - 1));
  const recent = input.runs.filter((r) => r.localDate >= from && r.localDate <= input.today);
  const recentPain = input.pain.filter((e) => e.date >= from && e.date <= input.today && e.severity > 0);
  const linked = new Set(input.correlations.filter((c) => c.verdict === "linked").map((c) => c.hypothesis));
  const paused = pausedBecause(input.redFlags);
  const tips = [
    redFlagTip(input),
    checkUpTip(input),
    overstridingTip(input, recent, recentPain, linked, paused),
    mileageTip(input, recent, recentPain, linked, paused),
    anteriorTip(input, recentPain),
    lateralTip(input, recentPain),
    innerThighTip(input, recentPain),
    buttockTip(input, recentPain),
  ].filter((tip): tip is Tip => tip !== null);
  const rank = (tip: Tip): number =>
    tip.cause === "red_flag"
      ? 0
      : tip.cause === "persisting_pain"
        ? 1
        : linked.has(tip.cause as Hypothesis)
          ? 2
          : 3;
  return tips
    .map((tip, i) => ({ tip, i }))
    .sort((a, b) => rank(a.tip) - rank(b.tip) || a.i - b.i)
    .map((x) => x.tip);
}

/** Why training targets (next-run ceiling, cadence increase) are paused: an open red flag; null when they are not. */
export function pausedBecause(redFlags: readonly RedFlagFinding[]): string | null {
  const open = openRedFlags(redFlags);
  if (open.length === 0) return null;
  return `Paused while a red flag is open (${open[0]?.message.replace(/\.$/, "")}): see a clinician before you train towards any target.`;
}

function redFlagTip(input: AdviceInput): Tip | null {
  const open = openRedFlags(input.redFlags);
  if (open.length === 0) return null;
  const groin = open.some(
    (f) => f.id === "deep_groin_worse_with_running_or_hopping" || f.id === "deep_groin_pain",
  );
  return {
    id: "see-a-professional",
    cause: "red_flag",
    title: "Stop running and see a clinician now",
    body:
      "What you logged is on the list of signs that need a clinician's eyes now (a GP, sports physician or physiotherapist), " +
      "whatever your cadence and mileage show. Your training targets are paused until then." +
      (groin
        ? " Deep groin pain that hurts when you hop on that leg, or worsens as you run, can be a stress fracture of the femoral neck: stop running until it has been checked."
        : ""),
    because: open.map((f) => f.message),
    source:
      "Hip-pain red flags: Grimaldi & Fearon 2015 (JOSPT); Robertson & Wood 2017 (Sports Med Int Open); Silbernagel 2007 (pain-monitoring model); Farrar 2001 (Pain 94:149)",
  };
}

function checkUpTip(input: AdviceInput): Tip | null {
  const trend = input.redFlags.filter((f) => f.urgency === "check_up");
  if (trend.length === 0) return null;
  return {
    id: "book-a-check-up",
    cause: "persisting_pain",
    title: "Book a check-up with a healthcare professional",
    body:
      "Hip pain that has not settled over 2–3 weeks, or keeps rising, deserves a professional look (a GP, sports physician or " +
      "physiotherapist). It is not an emergency: until then, cut back long and fast runs and keep pain during a run at 5/10 or " +
      "less, settled by the next morning.",
    because: trend.map((f) => f.message),
    source: "Silbernagel 2007 (pain-monitoring model); Farrar 2001 (Pain 94:149)",
  };
}

/** The pain link's sentence and its figures, when the hypothesis is linked to the runner's pain (else none). */
function linkedReasons(
  input: AdviceInput,
  linked: ReadonlySet<Hypothesis>,
  hypothesis: Hypothesis,
): { because: string[]; details: string[] } {
  const correlation = input.correlations.find((c) => c.hypothesis === hypothesis);
  if (!correlation || !linked.has(hypothesis)) return { because: [], details: [] };
  return {
    because: [correlationReason(correlation)],
    details: correlation.explanationDetails ? [correlation.explanationDetails] : [],
  };
}

function overstridingTip(
  input: AdviceInput,
  recent: readonly Run[],
  recentPain: readonly PainEntry[],
  linked: ReadonlySet<Hypothesis>,
  paused: string | null,
): Tip | null {
  const { units, today } = input;
  const { because, details } = linkedReasons(input, linked, "overstriding");
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
  const target = cadenceTarget(input.model, units, input.usualSpeedMps, input.ownCadenceSpm);
  return {
    id: "raise-cadence",
    cause: "overstriding",
    title: "Possible overstriding (low cadence for your speed): take quicker, lighter steps",
    body:
      (paused
        ? `Cadence increase ${paused[0]?.toLowerCase()}${paused.slice(1)} When you are cleared to run: `
        : "") +
      `Take shorter, lighter, quicker steps with an upright posture and an engaged core. ` +
      (paused ? "" : `Raise your cadence by 5% (${target}) with a metronome`) +
      (paused
        ? ""
        : anterior
          ? "; because you have logged pain at the front of the hip, stay at +5% for now (quicker steps load the hip flexors more)."
          : ", then up to 10% over several weeks if it feels fine.") +
      " A watch cannot see where your foot lands: film yourself side-on, or ask a coach or physio for a gait analysis.",
    because,
    details,
    source: "Heiderscheit 2011 (MSSE 43:296); Lenhart 2014 (MSSE 46:557); van Oeveren 2019 (J Sports Sci)",
  };
}

function mileageTip(
  input: AdviceInput,
  recent: readonly Run[],
  recentPain: readonly PainEntry[],
  linked: ReadonlySet<Hypothesis>,
  paused: string | null,
): Tip | null {
  const { units, today } = input;
  const { because, details } = linkedReasons(input, linked, "mileage_spike");
  const spikeById = new Map(input.spikes.map((s) => [s.runId, s]));
  const spiky = sortedByStart(recent, true)
    .filter((r) => spikeById.get(r.id)?.spike)
    .slice(0, 3);
  for (const run of spiky) because.push(spikeReason(run, spikeById.get(run.id) as RunSpike, units, today));
  // A weekly jump alone is context, not a trigger: Frandsen 2025 found week-to-week change unrelated to injury.
  if (because.length === 0) return null;
  const from = addDays(today, -27);
  const noted = input.weeklyChanges.filter((c) => c.noted && c.date >= from);
  const worst = noted.reduce<RollingChange | null>(
    (best, c) => (best === null || (c.change ?? 0) > (best.change ?? 0) ? c : best),
    null,
  );
  if (worst)
    because.push(
      `${weeklyReason(worst, units, today)} (Context only: week-to-week change alone was not linked to injury.)`,
    );
  if (paused) because.push(`Next-run ceiling ${paused[0]?.toLowerCase()}${paused.slice(1)}`);
  else if (input.ceiling) because.push(ceilingReason(input.ceiling, units, today));
  const lateral = recentPain.some((e) => e.location === "lateral" && e.severity > 0);
  return {
    id: "build-gradually",
    cause: "mileage_spike",
    title: "Build distance gradually, and strengthen your hips",
    body:
      "Keep each run within 10% of your longest run of the last 30 days and build gradually. " +
      (lateral
        ? "Because you have logged pain on the outside of the hip, strengthen with isometric hip abduction (push the leg out " +
          "against a wall, 5 × 45 s) and bridges instead of clamshells, side-lying abduction or pigeon pose, which squeeze the " +
          "tendon; avoid crossing your legs and lying on that side."
        : "Strengthen your hips 2–3 times a week: side-lying hip abduction, clamshells and bridges. Keep the hips supple: hip " +
          "flexor stretch and pigeon pose."),
    because,
    details,
    source:
      "Frandsen 2025 (BJSM 59:1203); Nielsen 2014 (JOSPT); Buist 2008 (AJSM 36:33); hip strength: Mellor 2018 (BMJ 361:k1662, LEAP trial: exercise and education); Grimaldi & Fearon 2015 (JOSPT: tendon compression)",
  };
}

function anteriorTip(input: AdviceInput, recentPain: readonly PainEntry[]): Tip | null {
  const days = painDays(recentPain, "anterior");
  if (days.length === 0) return null;
  const worst = days.reduce((w, e) => (e.severity > w.severity ? e : w));
  return {
    id: "hip-flexors",
    cause: "anterior_pain",
    title: "Front-of-hip pain: your hip flexors may be tight or overloaded",
    body:
      "A kneeling hip flexor stretch, lunges, a butterfly stretch and a foam roller may help. Long, fast strides load the hip " +
      "flexors: if you raise your cadence, do it gently (+5%).",
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
