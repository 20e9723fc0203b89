import { describe, expect, it } from "vitest";
import { blockPermutationP, type PermutationRow } from "../../server/core/permutation.ts";
import { SeededStream, seededRandom, shuffleInPlace } from "../../server/core/random.ts";

/** The first implementation: boolean arrays per week, shuffleInPlace, then a count over every week. */
function naiveBlockPermutationP(
  rows: readonly PermutationRow[],
  observed: number,
  permutations: number,
  seed: number,
): number {
  const random = seededRandom(seed);
  const weeks = new Map<string, Array<{ flagged: boolean; pain: boolean }>>();
  for (const r of rows)
    weeks.set(r.week, [...(weeks.get(r.week) ?? []), { flagged: r.flagged, pain: r.pain }]);
  const blocks = [...weeks.values()].map((week) => ({
    flags: week.map((w) => w.flagged),
    pains: week.map((w) => w.pain),
  }));
  let atLeast = 0;
  for (let k = 0; k < permutations; k++) {
    let a = 0;
    for (const block of blocks) {
      shuffleInPlace(block.flags, random);
      block.flags.forEach((f, i) => {
        if (f && block.pains[i]) a++;
      });
    }
    if (a >= observed) atLeast++;
  }
  return (1 + atLeast) / (1 + permutations);
}

/** Rows in shuffled week order (weeks recur out of order), with weeks that are all flagged, unflagged or pain-free. */
function randomRows(random: () => number): { rows: PermutationRow[]; observed: number } {
  const rows: PermutationRow[] = [];
  const n = Math.floor(random() * 120);
  const weeks = 1 + Math.floor(random() * 30);
  const flagRate = random();
  const painRate = random() * 0.6;
  let observed = 0;
  for (let i = 0; i < n; i++) {
    const w = Math.floor(random() * weeks);
    // Some weeks are all flagged (w % 5 = 0), none flagged (w % 5 = 1) or pain-free (w % 5 = 2).
    const flagged = w % 5 === 0 ? true : w % 5 === 1 ? false : random() < flagRate;
    const pain = w % 5 === 2 ? false : random() < painRate;
    if (flagged && pain) observed++;
    rows.push({ week: `2026-W${w}`, flagged, pain });
  }
  return { rows, observed: observed + Math.floor(random() * 3) - 1 };
}

describe("blockPermutationP()", () => {
  it("gives exactly the p of shuffling boolean arrays week by week, on 300 random tables", () => {
    const random = seededRandom(21);
    for (let trial = 0; trial < 300; trial++) {
      const { rows, observed } = randomRows(random);
      const seed = 1 + Math.floor(random() * 1000);
      const permutations = 1 + Math.floor(random() * 200);
      expect({ trial, p: blockPermutationP(rows, observed, permutations, seed) }).toEqual({
        trial,
        p: naiveBlockPermutationP(rows, observed, permutations, seed),
      });
    }
  });

  it("is 1/(1 + n) when no shuffle reaches the observed count and 1 when every one does", () => {
    const rows = [
      { week: "a", flagged: true, pain: true },
      { week: "a", flagged: false, pain: false },
    ];
    expect(blockPermutationP(rows, 2, 99, 1)).toBe(0.01);
    expect(blockPermutationP(rows, 0, 99, 1)).toBe(1);
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
