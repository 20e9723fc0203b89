import type { AdviceInput, Tip } from "./advice.ts";
import { formatDay } from "./dates.ts";
import type { PainLocation } from "../api/pain.ts";
import type { PainEntry } from "./pain.ts";

// Tips for pain where the main advice does not fit: inner thigh (adductor) and buttock (proximal hamstring).

/** The entries at one location, oldest first. */
export function painDays(entries: readonly PainEntry[], location: PainLocation): PainEntry[] {
  return entries.filter((e) => e.location === location).sort((a, b) => a.date.localeCompare(b.date));
}

function loggedReason(input: AdviceInput, days: readonly PainEntry[], where: string): string {
  const worst = days.reduce((w, e) => (e.severity > w.severity ? e : w));
  return (
    `You logged pain ${where} on ${new Set(days.map((e) => e.date)).size} day(s) since ` +
    `${formatDay(days[0]?.date ?? input.today, input.today)}, worst ${worst.severity}/10 on ${formatDay(worst.date, input.today)}.`
  );
}

function located(recentPain: readonly PainEntry[], location: PainLocation): PainEntry[] {
  return painDays(recentPain, location).filter((e) => e.severity > 0);
}

/** Inner-thigh pain: a possible adductor strain. */
export function innerThighTip(input: AdviceInput, recentPain: readonly PainEntry[]): Tip | null {
  const days = located(recentPain, "inner_thigh");
  if (days.length === 0) return null;
  return {
    id: "adductors",
    cause: "inner_thigh_pain",
    title: "Inner-thigh pain: possibly the adductors",
    body:
      "Pain on the inside of the thigh may be an adductor strain. Ease off speed work, hills and sharp turns for now; when it " +
      "allows, build adductor strength with the Copenhagen adductor progression (start on the short lever, knee on the bench). " +
      "See a physiotherapist if it persists beyond 2–3 weeks.",
    because: [loggedReason(input, days, "on the inner thigh")],
    exercises: ["copenhagen-adductor"],
    source:
      "Harøy 2019 (BJSM 53:150, Copenhagen adductor strengthening programme); Ishøi 2016 (Scand J Med Sci Sports)",
  };
}

/** Buttock or sitting-bone pain: possible proximal hamstring tendinopathy. */
export function buttockTip(input: AdviceInput, recentPain: readonly PainEntry[]): Tip | null {
  const days = located(recentPain, "buttock");
  if (days.length === 0) return null;
  return {
    id: "proximal-hamstring",
    cause: "buttock_pain",
    title: "Buttock or sitting-bone pain: possibly the hamstring tendon",
    body:
      "Deep buttock pain near the sitting bone may be proximal hamstring tendinopathy. Cut hills and speed work for now, avoid " +
      "long sitting on hard seats and deep hamstring stretches (they compress the tendon), and load it gradually: isometric " +
      "hamstring holds, then bridges and loaded bridges. See a physiotherapist if it persists.",
    because: [loggedReason(input, days, "in the buttock")],
    exercises: ["hamstring-bridge"],
    source:
      "Goom, Malliaras, Reiman & Purdam 2016 (JOSPT 46:483, proximal hamstring tendinopathy management)",
  };
}
