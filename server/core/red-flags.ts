import { addDays, formatDay } from "./dates.ts";
import type { RedFlag } from "../api/pain.ts";
import type { PainEntry } from "./pain.ts";
import { mean } from "./stats.ts";

/** Something that sends the runner to a clinician, whatever the data shows (science.md §4, §6). */
export interface RedFlagFinding {
  /** The red-flag answer, deep-groin pain ≥ 3/10, or "persisting_pain" / "worsening_pain". */
  id: RedFlag | "deep_groin_pain" | "persisting_pain" | "worsening_pain";
  /** now: stop running and see a clinician now (training targets pause); check_up: book a check-up. */
  urgency: "now" | "check_up";
  /** The latest date it was logged (or the end of the weeks compared). */
  date: string;
  message: string;
}

/** The red flags that stop running now (and pause training targets). */
export const openRedFlags = (flags: readonly RedFlagFinding[]): RedFlagFinding[] =>
  flags.filter((f) => f.urgency === "now");

const ANSWER_TEXT: Record<RedFlag, string> = {
  cannot_bear_weight: "you could not bear weight or had a new limp",
  pain_at_rest_or_night: "you had pain at rest or at night",
  deep_groin_worse_with_running_or_hopping: "deep groin pain got worse with running or hurt on hopping",
  fever_or_hot_swollen_joint: "you had a fever or a hot, swollen joint",
  after_a_fall: "the pain came after a fall",
  numbness_or_weakness: "you had numbness or weakness",
};

/**
 * Red-flag answers logged in the last `lookbackDays`; deep-groin pain ≥ 3/10 in that time (the hop question and
 * the femoral-neck stress fracture); then persisting or worsening pain over 3 weeks (book a check-up).
 */
export function findRedFlags(pain: readonly PainEntry[], today: string, lookbackDays = 28): RedFlagFinding[] {
  const from = addDays(today, -(lookbackDays - 1));
  const recent = pain.filter((e) => e.date >= from && e.date <= today);
  const latest = new Map<RedFlag, string>();
  for (const entry of recent) {
    for (const flag of entry.redFlags)
      if ((latest.get(flag) ?? "") < entry.date) latest.set(flag, entry.date);
  }
  const out: RedFlagFinding[] = [...latest.entries()]
    .sort((a, b) => b[1].localeCompare(a[1]))
    .map(([flag, date]) => ({
      id: flag,
      urgency: "now" as const,
      date,
      message: `On ${formatDay(date, today)} you logged that ${ANSWER_TEXT[flag]}.`,
    }));
  const groin = recent
    .filter((e) => e.location === "deep_groin" && e.severity >= 3)
    .sort((a, b) => b.date.localeCompare(a.date))[0];
  if (groin && !latest.has("deep_groin_worse_with_running_or_hopping")) {
    out.push({
      id: "deep_groin_pain",
      urgency: "now",
      date: groin.date,
      message:
        `On ${formatDay(groin.date, today)} you logged deep groin pain of ${groin.severity}/10. Does it hurt to hop on that leg, ` +
        "or get worse as you run? Deep groin pain in runners can be a stress fracture of the femoral neck.",
    });
  }
  const trend = painTrend(pain, today);
  if (trend) out.push(trend);
  return out;
}

/** Mean daily worst pain over logged days in the three 7-day windows ending `today` (oldest first). */
interface WeekPain {
  mean: number;
  worst: number;
  /** Days with pain ≥ 3/10. */
  painDays: number;
}

export function weeklyPainMeans(pain: readonly PainEntry[], today: string): Array<WeekPain | null> {
  const worst = new Map<string, number>();
  for (const e of pain) worst.set(e.date, Math.max(worst.get(e.date) ?? 0, e.severity));
  return [2, 1, 0].map((w) => {
    const days: number[] = [];
    for (let k = 0; k < 7; k++) {
      const v = worst.get(addDays(today, -(7 * w + k)));
      if (v !== undefined) days.push(v);
    }
    return days.length === 0
      ? null
      : { mean: mean(days), worst: Math.max(...days), painDays: days.filter((d) => d >= 3).length };
  });
}

/** ≥ 3/10 on at least 2 days in each of the last 3 weeks (no easing of 2 points), or a weekly mean rising twice. */
function painTrend(pain: readonly PainEntry[], today: string): RedFlagFinding | null {
  const weeks = weeklyPainMeans(pain, today);
  if (weeks.some((w) => w === null)) return null;
  const [w2, w1, w0] = weeks as [WeekPain, WeekPain, WeekPain];
  const means = `${w2.mean.toFixed(1)}, ${w1.mean.toFixed(1)} and ${w0.mean.toFixed(1)}/10`;
  // ~2 points is a clinically meaningful change (Farrar 2001).
  if (w0.worst >= 3 && w2.mean < w1.mean && w1.mean < w0.mean && w0.mean - w2.mean >= 2) {
    return {
      id: "worsening_pain",
      urgency: "check_up",
      date: today,
      message: `Your hip pain has risen week on week for 3 weeks (average ${means}).`,
    };
  }
  if (w2.painDays >= 2 && w1.painDays >= 2 && w0.painDays >= 2 && w0.mean > w2.mean - 2) {
    return {
      id: "persisting_pain",
      urgency: "check_up",
      date: today,
      message:
        `You have logged pain of 3/10 or more on at least 2 days in each of the last 3 weeks ` +
        `(${w2.painDays}, ${w1.painDays} and ${w0.painDays} days) without it easing (average ${means}).`,
    };
  }
  return null;
}
