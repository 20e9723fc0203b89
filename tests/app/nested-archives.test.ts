import { describe, expect, it } from "vitest";
import { NestedArchives } from "../../server/app/import/nested-archives.ts";
import { DEFAULT_LIMITS } from "../../server/app/import/types.ts";
import { makeZip } from "../support/zip-writer.ts";

const text = (s: string): Uint8Array => new TextEncoder().encode(s);
const decode = (b: Uint8Array): string => new TextDecoder().decode(b);

describe("NestedArchives", () => {
  it("loads a nested archive once while its files are read, and again only after another one replaced it", async () => {
    const nested = new NestedArchives(DEFAULT_LIMITS);
    const loads: string[] = [];
    const loader = (key: string, zip: Uint8Array) => () => {
      loads.push(key);
      return Promise.resolve(zip);
    };
    const p1 = loader(
      "p1",
      makeZip([
        { name: "a", bytes: text("A") },
        { name: "b", bytes: text("B") },
      ]),
    );
    const p2 = loader("p2", makeZip([{ name: "c", bytes: text("C") }]));
    expect(decode(await nested.reader("p1", 2, p1, 0)())).toBe("A");
    expect(decode(await nested.reader("p1", 2, p1, 1)())).toBe("B");
    expect(decode(await nested.reader("p2", 2, p2, 0)())).toBe("C");
    expect(decode(await nested.reader("p1", 2, p1, 0)())).toBe("A");
    expect(loads).toEqual(["p1", "p2", "p1"]);
    nested.close();
  });

  it("refuses an entry that is no longer there", async () => {
    const nested = new NestedArchives(DEFAULT_LIMITS);
    const zip = makeZip([{ name: "a", bytes: text("A") }]);
    await expect(nested.reader("p", 2, () => Promise.resolve(zip), 5)()).rejects.toThrow(/changed while/);
    nested.close();
  });
});
