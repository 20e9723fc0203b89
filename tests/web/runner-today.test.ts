import { afterEach, describe, expect, it, vi } from "vitest";
import { runnerToday, setRunnerToday } from "../../web/format.ts";

const TOKYO_S = 9 * 3600;

describe("runnerToday()", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("is the server's today while the runner's day lasts", () => {
    vi.useFakeTimers();
    // 20:00 UTC is 05:00 the next morning in Tokyo, where the runner's latest run was.
    vi.setSystemTime(new Date("2026-11-25T20:00:00Z"));
    setRunnerToday("2026-11-26", TOKYO_S);
    vi.setSystemTime(new Date("2026-11-26T14:59:00Z"));
    expect(runnerToday()).toBe("2026-11-26");
  });

  it("moves on at the runner's midnight on a page left open, not at the browser's", () => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date("2026-11-25T20:00:00Z"));
    setRunnerToday("2026-11-26", TOKYO_S);
    // 15:00 UTC is Tokyo's midnight.
    vi.setSystemTime(new Date("2026-11-26T15:00:00Z"));
    expect(runnerToday()).toBe("2026-11-27");
    vi.setSystemTime(new Date("2026-11-28T16:00:00Z"));
    expect(runnerToday()).toBe("2026-11-29");
  });

  it("counts from the server's date, not the browser's clock, when the two disagree", () => {
    vi.useFakeTimers();
    // A browser clock a day fast: the day it reads is not the runner's, the days passed since still are.
    vi.setSystemTime(new Date("2026-11-26T20:00:00Z"));
    setRunnerToday("2026-11-26", TOKYO_S);
    expect(runnerToday()).toBe("2026-11-26");
    vi.setSystemTime(new Date("2026-11-27T15:00:00Z"));
    expect(runnerToday()).toBe("2026-11-27");
  });
});
