import { describe, expect, it } from "vitest";
import { resolve } from "node:path";
import { resolveDataDir, resolvePort } from "../server/config.ts";

describe("resolvePort()", () => {
  it("defaults to 4173", () => {
    expect(resolvePort(undefined, {})).toBe(4173);
  });
  it("takes PORT from the environment, and --port over it", () => {
    expect(resolvePort(undefined, { PORT: "8080" })).toBe(8080);
    expect(resolvePort("9000", { PORT: "8080" })).toBe(9000);
  });
  it("rejects a port that is not a whole number in range", () => {
    expect(() => resolvePort("http", {})).toThrow(/whole number/);
    expect(() => resolvePort("70000", {})).toThrow(/whole number/);
  });
});

describe("resolveDataDir()", () => {
  it("defaults to ./data and prefers --data over STRIDEWISE_DATA", () => {
    expect(resolveDataDir(undefined, {})).toBe(resolve("data"));
    expect(resolveDataDir(undefined, { STRIDEWISE_DATA: "/tmp/sw" })).toBe("/tmp/sw");
    expect(resolveDataDir("/tmp/flag", { STRIDEWISE_DATA: "/tmp/sw" })).toBe("/tmp/flag");
  });
});
