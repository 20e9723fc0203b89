import { describe, expect, it } from "vitest";
import {
  fisherExact,
  holm,
  normalCdf,
  powerForRiskRatio,
  riskRatio,
  wilsonInterval,
} from "../../server/core/inference.ts";

describe("wilsonInterval()", () => {
  // Newcombe 1998 (Stat Med 17:857), Table I, method 3 (Wilson score without continuity correction).
  it.each([
    [81, 263, 0.2553, 0.3662],
    [15, 148, 0.0624, 0.1605],
    [0, 20, 0, 0.1611],
    [1, 29, 0.0061, 0.1718],
  ])("gives %i/%i → %f–%f as published", (k, n, lo, hi) => {
    const w = wilsonInterval(k, n);
    expect(w.lo).toBeCloseTo(lo, 4);
    expect(w.hi).toBeCloseTo(hi, 4);
  });
  it("matches the hand computation for 4/8 (centre 0.5, half-width 0.2848)", () => {
    // centre = (0.5 + z²/16)/(1 + z²/8) = 0.5; half = z/(1+z²/8) · sqrt(0.25/8 + z²/256) = 0.28478.
    const w = wilsonInterval(4, 8);
    expect(w.lo).toBeCloseTo(0.2152, 4);
    expect(w.hi).toBeCloseTo(0.7848, 4);
  });
});

describe("fisherExact()", () => {
  it("gives Fisher's tea-tasting table [[3,1],[1,3]] p = 0.4857", () => {
    // Only tables with x = 0..4 exist; P(x) = C(4,x)²/70; p = (1 + 16 + 16 + 1)/70 = 34/70.
    expect(fisherExact(3, 1, 1, 3)).toBeCloseTo(34 / 70, 10);
  });
  it("gives the dieting example [[1,9],[11,3]] p = 0.002759 (R fisher.test)", () => {
    expect(fisherExact(1, 9, 11, 3)).toBeCloseTo(0.002759, 6);
  });
  it("gives p ≈ 0.06 for the worked example 4/8 vs 3/22", () => {
    expect(fisherExact(4, 4, 3, 19)).toBeGreaterThan(0.055);
    expect(fisherExact(4, 4, 3, 19)).toBeLessThan(0.065);
  });
  it("is symmetric in the rows and never above 1", () => {
    expect(fisherExact(3, 19, 4, 4)).toBeCloseTo(fisherExact(4, 4, 3, 19), 12);
    expect(fisherExact(5, 5, 5, 5)).toBe(1);
  });
});

describe("riskRatio()", () => {
  it("gives the worked example: 4/8 vs 3/22 → RR 3.67 (1.04–12.9)", () => {
    const rr = riskRatio(4, 4, 3, 19);
    expect(rr?.rr).toBeCloseTo(3.667, 3);
    expect(rr?.lo).toBeCloseTo(1.04, 2);
    expect(rr?.hi).toBeCloseTo(12.9, 1);
    expect(rr?.corrected).toBe(false);
  });
  it("adds 0.5 to every cell when one is zero", () => {
    // (0.5/11)/(5.5/11) = 1/11; se = sqrt(2 − 1/11 + 1/5.5 − 1/11) = sqrt(2).
    const rr = riskRatio(0, 10, 5, 5);
    expect(rr?.corrected).toBe(true);
    expect(rr?.rr).toBeCloseTo(1 / 11, 10);
    expect(rr?.hi).toBeCloseTo((1 / 11) * Math.exp(1.959964 * Math.SQRT2), 4);
  });
  it("returns null when a group is empty", () => {
    expect(riskRatio(0, 0, 3, 4)).toBeNull();
  });
});

describe("holm()", () => {
  it("matches R p.adjust(c(0.01, 0.04, 0.03, 0.005), 'holm')", () => {
    const adjusted = holm([0.01, 0.04, 0.03, 0.005]);
    [0.03, 0.06, 0.06, 0.02].forEach((p, i) => expect(adjusted[i]).toBeCloseTo(p, 12));
  });
  it("leaves NaN out of the family", () => {
    const adjusted = holm([0.02, Number.NaN]);
    expect(adjusted[0]).toBeCloseTo(0.02, 12);
    expect(adjusted[1]).toBeNaN();
  });
});

describe("powerForRiskRatio()", () => {
  it("matches science.md §5 roughly: RR 3, 30% flagged, 20% baseline → ~70% at 40 runs, ~85% at 60", () => {
    expect(powerForRiskRatio(12, 28, 0.2)).toBeGreaterThan(0.64);
    expect(powerForRiskRatio(12, 28, 0.2)).toBeLessThan(0.76);
    expect(powerForRiskRatio(18, 42, 0.2)).toBeGreaterThan(0.82);
    expect(powerForRiskRatio(18, 42, 0.2)).toBeLessThan(0.92);
    expect(powerForRiskRatio(0, 42, 0.2)).toBe(0);
  });
  it("normalCdf() gives the textbook values", () => {
    expect(normalCdf(0)).toBeCloseTo(0.5, 7);
    expect(normalCdf(1.959964)).toBeCloseTo(0.975, 6);
    expect(normalCdf(-1)).toBeCloseTo(0.158655, 6);
  });
});
