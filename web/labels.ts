import type { Hypothesis, ImportStatus, SpikeCategory, Verdict } from "../server/api/index.ts";
import type { PainLocation, PainSide, PainTiming, RedFlag } from "../server/api/index.ts";

// The words a runner reads for each code. Records keyed by the server's unions, so a new code fails the type check.

export const LOCATION_LABELS: Record<PainLocation, { label: string; hint: string }> = {
  lateral: { label: "Outside of the hip", hint: "the bony point on the side; worse lying on it" },
  anterior: { label: "Front of the hip", hint: "hip flexor; worse with long, fast strides" },
  deep_groin: { label: "Deep in the groin", hint: "inside the hip joint" },
  inner_thigh: { label: "Inner thigh", hint: "adductor" },
  buttock: { label: "Buttock / sitting bone", hint: "where the hamstring attaches" },
  unsure: { label: "Can't say", hint: "" },
};

export const SIDE_LABELS: Record<PainSide, string> = { left: "Left", right: "Right", both: "Both" };

export const TIMING_LABELS: Record<PainTiming, string> = {
  during_run: "During the run",
  after_run: "After the run",
  next_morning: "Next morning",
  rest_or_night: "At rest or at night",
};

export const RED_FLAG_LABELS: Record<RedFlag, string> = {
  cannot_bear_weight: "I can't put full weight on the leg, or I have a new limp",
  pain_at_rest_or_night: "It hurts at rest or wakes me at night",
  deep_groin_worse_with_running_or_hopping:
    "Deep groin pain that gets worse with running, or hurts when I hop",
  fever_or_hot_swollen_joint: "I have a fever, or the joint is hot and swollen",
  after_a_fall: "It started after a fall",
  numbness_or_weakness: "Numbness, tingling or weakness in the leg",
};

export const IMPORT_STATUS_LABELS: Record<ImportStatus, string> = {
  imported: "Imported",
  duplicate: "Already there",
  skipped: "Skipped",
  rejected: "Could not read",
};

export const HYPOTHESIS_LABELS: Record<Hypothesis, { title: string; flagged: string; unflagged: string }> = {
  overstriding: {
    title: "Low cadence for your speed (possible overstriding)",
    flagged: "runs with low cadence for their speed",
    unflagged: "other runs",
  },
  mileage_spike: {
    title: "Mileage spikes",
    flagged: "runs more than 10% longer than your longest of the 30 days before",
    unflagged: "other runs",
  },
};

export const VERDICT_LABELS: Record<Verdict, string> = {
  linked: "Linked in your data",
  no_clear_link: "No clear link so far",
  not_enough_data: "Not enough data yet",
};

export const SPIKE_LABELS: Record<SpikeCategory, string> = {
  within_10pct: "Within 10% of your 30-day longest",
  "10_to_30pct": "10–30% longer than your 30-day longest",
  "30_to_100pct": "30–100% longer than your 30-day longest",
  over_100pct: "More than double your 30-day longest",
  no_recent_base: "No run in the 30 days before",
};

/** True for the spike categories that count as a flag (more than 10% over the 30-day longest). */
export function isSpike(category: SpikeCategory | null | undefined): boolean {
  return category === "10_to_30pct" || category === "30_to_100pct" || category === "over_100pct";
}

/** "58% longer than any run in the last 30 days" for a ratio of 1.58. */
export function spikeSentence(ratio: number | null, category: SpikeCategory): string {
  if (category === "no_recent_base" || ratio === null)
    return "no run in the 30 days before it to compare with";
  const pct = Math.round((ratio - 1) * 100);
  if (pct > 0) return `${pct}% longer than any run in the 30 days before`;
  if (pct === 0) return "as long as your longest run of the 30 days before";
  return "shorter than your longest run of the 30 days before";
}
