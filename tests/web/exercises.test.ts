import { describe, expect, it } from "vitest";
import { computeInsights } from "../../server/core/insights.ts";
import { addDays } from "../../server/core/dates.ts";
import type { Run } from "../../server/core/types.ts";
import { EXERCISES, exercisesById, type Stroke } from "../../web/tips/exercises.ts";
import { painEntry, summaryRun } from "../core/run-builder.ts";

const today = "2026-05-20";
const runs: Run[] = Array.from({ length: 30 }, (_, i) => summaryRun(i + 1, addDays(today, -30 + i), 8_000));

function pointsOf(s: Stroke): [number, number][] {
  if (s.kind === "line") return s.points;
  if (s.kind === "arrow") return [s.from, s.to];
  return [
    [s.cx - s.r, s.cy - s.r],
    [s.cx + s.r, s.cy + s.r],
  ];
}

describe("exercises", () => {
  it("have unique ids, a dose, a progression and a drawing inside the 120 × 70 box", () => {
    expect(new Set(EXERCISES.map((e) => e.id)).size).toBe(EXERCISES.length);
    for (const e of EXERCISES) {
      expect(e.dose, e.id).toMatch(/\d/);
      expect(e.progression.length, e.id).toBeGreaterThan(20);
      expect(e.drawing.length, e.id).toBeGreaterThan(2);
      for (const [x, y] of e.drawing.flatMap(pointsOf)) {
        expect(x >= 0 && x <= 120 && y >= 0 && y <= 70, `${e.id} (${x}, ${y})`).toBe(true);
      }
    }
  });

  it.each([
    ["inner_thigh", "adductors", "copenhagen-adductor", /short lever.*long lever/is],
    ["buttock", "proximal-hamstring", "hamstring-bridge", /holds.*then.*weight/is],
  ] as const)("chooses the %s tip's exercise by id, one the web can draw", (location, tipId, id, steps) => {
    const pain = [
      painEntry(addDays(today, -2), 3, { location }),
      painEntry(addDays(today, -1), 2, { location }),
    ];
    const tip = computeInsights({ runs, pain, today, units: "km" }).advice.find((t) => t.id === tipId);
    expect(tip?.exercises).toEqual([id]);
    const [exercise] = exercisesById(tip?.exercises ?? []);
    expect(exercise?.id).toBe(id);
    expect(`${exercise?.steps.join(" ")} ${exercise?.dose} ${exercise?.progression}`).toMatch(steps);
  });
});
