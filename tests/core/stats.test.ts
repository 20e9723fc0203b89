import { describe, expect, it } from "vitest";
import { huberFit } from "../../server/core/regression.ts";
import { median, quantile, weightedMedian } from "../../server/core/stats.ts";
import { seededRandom } from "../../server/core/random.ts";

describe("median() and quantile()", () => {
  it("ignores NaN and interpolates", () => {
    expect(median([3, Number.NaN, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(quantile([1, 2, 3, 4, 5], 0.25)).toBe(2);
    expect(median([])).toBeNaN();
  });
  it("agrees with sorting on random data", () => {
    const random = seededRandom(3);
    const xs = Array.from({ length: 1001 }, () => random());
    const sorted = [...xs].sort((a, b) => a - b);
    expect(median(xs)).toBe(sorted[500]);
    expect(quantile(xs, 0.9)).toBeCloseTo(sorted[900] as number, 12);
  });
  it("weightedMedian() follows the weights", () => {
    expect(weightedMedian([1, 2, 3], [1, 1, 10])).toBe(3);
  });
});

describe("huberFit()", () => {
  it("recovers a line despite a gross outlier", () => {
    const points = [1, 2, 3, 4, 5, 6, 7, 8].map((x) => ({ x, y: 2 + 3 * x, w: 1 }));
    points.push({ x: 4.5, y: 200, w: 1 });
    const fit = huberFit(points, 1);
    expect(fit.coefficients[1]).toBeCloseTo(3, 1);
  });
  it("pulls the slope toward a prior in proportion to its strength", () => {
    const points = [0, 1].map((x) => ({ x, y: 10 * x, w: 1 }));
    const free = huberFit(points, 1).coefficients[1] as number;
    const shrunk = huberFit(points, 1, [{ index: 1, target: 0, strength: 0.5 }]).coefficients[1] as number;
    expect(free).toBeCloseTo(10, 6);
    // Σw(x − x̄)² = 0.5, so a prior of strength 0.5 halves the slope.
    expect(shrunk).toBeCloseTo(5, 6);
  });
});
