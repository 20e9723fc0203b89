import { existsSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { describe, expect, it } from "vitest";
import { NestedArchives } from "../../server/app/import/nested-archives.ts";
import { DEFAULT_LIMITS } from "../../server/app/import/types.ts";
import { makeZip } from "../support/zip-writer.ts";

const text = (s: string): Uint8Array => new TextEncoder().encode(s);
const decode = (b: Uint8Array): string => new TextDecoder().decode(b);

describe("NestedArchives", () => {
  it("reads nested archives from their temporary files, one open per level, and removes the files on close", async () => {
    const nested = new NestedArchives(DEFAULT_LIMITS);
    const p1 = nested.nextPath();
    const p2 = nested.nextPath();
    writeFileSync(
      p1,
      makeZip([
        { name: "a", bytes: text("A") },
        { name: "b", bytes: text("B") },
      ]),
    );
    writeFileSync(p2, makeZip([{ name: "c", bytes: text("C") }]));
    expect(decode(await nested.reader(p1, "p1.zip", 2, 0)(64))).toBe("A");
    expect(decode(await nested.reader(p1, "p1.zip", 2, 1)(64))).toBe("B");
    expect(decode(await nested.reader(p2, "p2.zip", 2, 0)(64))).toBe("C");
    expect(decode(await nested.reader(p1, "p1.zip", 2, 0)(64))).toBe("A");
    nested.close();
    expect(existsSync(dirname(p1))).toBe(false);
  });

  it("refuses an entry that is no longer there", async () => {
    const nested = new NestedArchives(DEFAULT_LIMITS);
    const path = nested.nextPath();
    writeFileSync(path, makeZip([{ name: "a", bytes: text("A") }]));
    await expect(nested.reader(path, "p.zip", 2, 5)(64)).rejects.toThrow(/changed while/);
    nested.close();
  });
});
