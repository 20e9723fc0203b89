import { describe, expect, it } from "vitest";
import { parseFit } from "../../fit-parser/index.ts";
import type { Samples } from "../../fit-parser/types.ts";
import { LentColumns } from "../../server/app/import/engine/lent-columns.ts";
import { corpusFiles, readCorpusFile } from "../support/corpus.ts";

const KIB16 = 16 * 1024;

/** Buffers of every size a column might ask for, each full of a value no parse writes. */
function stale(count: number): ArrayBuffer[] {
  return Array.from({ length: count }, (_, i) => {
    const buffer = new ArrayBuffer(KIB16 * (1 + (i % 12)));
    new Uint8Array(buffer).fill(0xab);
    return buffer;
  });
}

function columnsOf(samples: Samples): [string, ArrayLike<number>][] {
  return Object.entries(samples).filter((e): e is [string, Float64Array] => ArrayBuffer.isView(e[1]));
}

describe("LentColumns", () => {
  it("gives each column a buffer of its own, in whole 16 KiB steps, and names only those as movable", () => {
    const lent = new LentColumns();
    const a = lent.float64(3000);
    const b = lent.float32(3000);
    expect(a.length).toBe(3000);
    expect(a.buffer).not.toBe(b.buffer);
    expect(a.buffer.byteLength).toBe(2 * KIB16);
    expect(b.buffer.byteLength).toBe(KIB16);
    expect(lent.buffersOf({ a, b, c: new Float64Array(10), n: 3 })).toEqual([a.buffer, b.buffer]);
  });

  it("fills buffers given back before new ones, and holds at most 64 MiB of them", () => {
    const lent = new LentColumns();
    const back = new ArrayBuffer(2 * KIB16);
    lent.giveBack([back, new ArrayBuffer(1000)]);
    expect(lent.held).toBe(2 * KIB16);
    // A smaller column takes the smallest buffer given back that holds it.
    expect(lent.float32(5000).buffer).toBe(back);
    expect(lent.held).toBe(0);
    lent.giveBack(Array.from({ length: 70 }, () => new ArrayBuffer(2 ** 20)));
    expect(lent.held).toBe(64 * 2 ** 20);
  });

  it("parses every corpus file into buffers full of old values exactly as into new ones", () => {
    const lent = new LentColumns();
    for (const name of corpusFiles()) {
      const bytes = readCorpusFile(name);
      lent.giveBack(stale(48));
      const fresh = parseFit(bytes);
      const reused = parseFit(bytes, { arena: lent });
      expect(reused.ok).toBe(fresh.ok);
      if (!fresh.ok || !reused.ok) continue;
      fresh.activities.forEach((activity, i) => {
        const columns = columnsOf(reused.activities[i]?.samples as Samples);
        for (const [key, expected] of columnsOf(activity.samples)) {
          const got = columns.find(([k]) => k === key)?.[1] ?? [];
          const differs = Array.from(expected).findIndex((v, j) => !Object.is(v, got[j]));
          expect(differs, `${name} ${key}`).toBe(-1);
        }
      });
    }
  });
});
