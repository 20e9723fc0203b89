import { describe, expect, it } from "vitest";
import { withinWeekPermutationP, type PermutationRow } from "../../server/core/permutation.ts";
import { SeededStream, seededRandom, shuffleInPlace } from "../../server/core/random.ts";

/** The Monte-Carlo shuffle the exact p replaced: flags shuffled within each week, P(count ≥ observed). */
function shuffledP(
  rows: readonly PermutationRow[],
  observed: number,
  permutations: number,
  seed: number,
): number {
  const random = seededRandom(seed);
  const weeks = new Map<string, PermutationRow[]>();
  for (const r of rows) weeks.set(r.week, [...(weeks.get(r.week) ?? []), r]);
  let atLeast = 0;
  for (let k = 0; k < permutations; k++) {
    let a = 0;
    for (const week of weeks.values()) {
      const flags = week.map((r) => r.flagged);
      shuffleInPlace(flags, random);
      week.forEach((r, i) => {
        if (flags[i] && r.pain) a++;
      });
    }
    if (a >= observed) atLeast++;
  }
  return atLeast / permutations;
}

/** Every arrangement of flags within every week, enumerated: the exact p by brute force (small tables only). */
function enumeratedP(rows: readonly PermutationRow[], observed: number): number {
  const weeks = [...new Set(rows.map((r) => r.week))].map((w) => rows.filter((r) => r.week === w));
  const perWeek = weeks.map((week) => {
    const k = week.filter((r) => r.flagged).length;
    const counts: number[] = [];
    for (let mask = 0; mask < 1 << week.length; mask++) {
      let bits = 0;
      let a = 0;
      week.forEach((r, i) => {
        if (mask & (1 << i)) {
          bits++;
          if (r.pain) a++;
        }
      });
      if (bits === k) counts.push(a);
    }
    return counts;
  });
  let total = 0;
  let atLeast = 0;
  const walk = (w: number, sum: number, weight: number): void => {
    if (w === perWeek.length) {
      total += weight;
      if (sum >= observed) atLeast += weight;
      return;
    }
    const counts = perWeek[w] as number[];
    for (const a of counts) walk(w + 1, sum + a, weight / counts.length);
  };
  walk(0, 0, 1);
  return atLeast / total;
}

describe("withinWeekPermutationP()", () => {
  it("equals the p from enumerating every within-week arrangement, on 200 small random tables", () => {
    const random = seededRandom(21);
    for (let trial = 0; trial < 200; trial++) {
      const rows: PermutationRow[] = [];
      const weeks = 1 + Math.floor(random() * 4);
      for (let w = 0; w < weeks; w++) {
        const size = 1 + Math.floor(random() * 6);
        for (let i = 0; i < size; i++)
          rows.push({ week: `w${w}`, flagged: random() < 0.4, pain: random() < 0.3 });
      }
      const observed = Math.floor(random() * 5);
      expect(withinWeekPermutationP(rows, observed)).toBeCloseTo(enumeratedP(rows, observed), 12);
    }
  });

  it("agrees with 5,000 seeded shuffles within Monte-Carlo error (4 SE) on 10 larger tables", () => {
    const random = seededRandom(5);
    for (let trial = 0; trial < 10; trial++) {
      const rows: PermutationRow[] = [];
      for (let i = 0; i < 80; i++)
        rows.push({ week: `w${Math.floor(i / 4)}`, flagged: random() < 0.3, pain: random() < 0.25 });
      const observed = rows.filter((r) => r.flagged && r.pain).length + 1;
      const exact = withinWeekPermutationP(rows, observed);
      expect(Math.abs(exact - shuffledP(rows, observed, 5000, trial + 1))).toBeLessThan(0.03);
    }
  });

  it("is 1 when flags and pain sit in weeks of their own (nothing can move) and 0 above the maximum", () => {
    const rows = [
      { week: "a", flagged: true, pain: true },
      { week: "a", flagged: true, pain: true },
      { week: "b", flagged: false, pain: false },
      { week: "b", flagged: false, pain: true },
    ];
    expect(withinWeekPermutationP(rows, 2)).toBe(1);
    expect(withinWeekPermutationP(rows, 3)).toBe(0);
  });

  it("gives the hypergeometric tail for one week: 2 of 4 flagged, 2 in pain, both flagged ones painful → 1/6", () => {
    const rows = [
      { week: "a", flagged: true, pain: true },
      { week: "a", flagged: true, pain: true },
      { week: "a", flagged: false, pain: false },
      { week: "a", flagged: false, pain: false },
    ];
    expect(withinWeekPermutationP(rows, 2)).toBeCloseTo(1 / 6, 14);
  });
});

describe("SeededStream", () => {
  it("draws exactly seededRandom's numbers, and skip(n) lands where n draws would", () => {
    for (const seed of [0, 1, 42, 2 ** 31 + 5, 4_294_967_295]) {
      const reference = seededRandom(seed);
      const stream = new SeededStream(seed);
      for (let i = 0; i < 1000; i++) {
        const skip = i % 7 === 0 ? i * 37 : 0;
        for (let k = 0; k < skip; k++) reference();
        stream.skip(skip);
        expect(stream.next()).toBe(reference());
      }
    }
  });
});
