import type { ColumnSource } from "../../../../fit-parser/index.ts";
import { buffersOf } from "./transfer.ts";

/** Buffers are sized in steps of this (4,096 values of a 32-bit column: 68 min at 1 s), so returned ones fit again. */
const STEP_BYTES = 16 * 1024;
/** At most this much is held waiting for a parse: a burst of long files does not stay in memory. */
const MAX_HELD_BYTES = 64 * 2 ** 20;

/**
 * Sample columns this thread parses into and lends to a worker, which gives their buffers back once it has
 * prepared the run: the next parse fills them again. On this machine a new page costs about 12 µs on first
 * touch: in "prepare" mode the importing thread spent 0.46 s of ten years filling new columns. Each column
 * owns its buffer whole (it is moved, not copied).
 */
export class LentColumns implements ColumnSource {
  private readonly free = new Map<number, ArrayBuffer[]>();
  private readonly lent = new WeakSet<ArrayBuffer>();
  private heldBytes = 0;

  /** Columns are lent, never overwritten: nothing to start over. */
  reset(): void {}

  float64(count: number): Float64Array {
    return new Float64Array(this.take(count * 8), 0, count);
  }

  float32(count: number): Float32Array {
    return new Float32Array(this.take(count * 4), 0, count);
  }

  /** The buffers behind `columns` this pool lent, each once: what may move to the worker whole. */
  buffersOf(columns: object): ArrayBuffer[] {
    return buffersOf([columns], (view) => this.lent.has(view.buffer));
  }

  /** Buffers back from the worker, for the next parses (beyond MAX_HELD_BYTES, left to the collector). */
  giveBack(buffers: readonly ArrayBuffer[]): void {
    for (const buffer of buffers) {
      const size = buffer.byteLength;
      if (size === 0 || size % STEP_BYTES !== 0 || this.heldBytes + size > MAX_HELD_BYTES) continue;
      const list = this.free.get(size) ?? [];
      list.push(buffer);
      this.free.set(size, list);
      this.heldBytes += size;
    }
  }

  get held(): number {
    return this.heldBytes;
  }

  private take(bytes: number): ArrayBuffer {
    const size = Math.max(STEP_BYTES, Math.ceil(bytes / STEP_BYTES) * STEP_BYTES);
    // The smallest buffer given back that holds it: runs of other lengths use them too.
    let best = 0;
    for (const [s, list] of this.free) if (s >= size && list.length > 0 && (best === 0 || s < best)) best = s;
    const given = best > 0 ? this.free.get(best)?.pop() : undefined;
    if (given) {
      this.heldBytes -= best;
      this.lent.add(given);
      return given;
    }
    const buffer = new ArrayBuffer(size);
    this.lent.add(buffer);
    return buffer;
  }
}
