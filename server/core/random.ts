// A seeded PRNG so permutation tests and generated histories are exactly repeatable.

/** mulberry32: a small, fast 32-bit generator returning floats in [0, 1). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const MULBERRY_STEP = 0x6d2b79f5;

/**
 * seededRandom's stream as a state that can also jump ahead: each draw adds a constant to the state,
 * so skipping n draws is one multiply-add. For loops that must keep the stream but not every number.
 */
export class SeededStream {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** The next float in [0, 1), exactly as seededRandom(seed)'s next call would return it. */
  next(): number {
    this.state = (this.state + MULBERRY_STEP) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  }

  /** Advances the stream past `count` draws without computing them. */
  skip(count: number): void {
    this.state = (this.state + Math.imul(count, MULBERRY_STEP)) >>> 0;
  }
}

/** Standard normal draws (polar Box–Muller, keeping the spare) from a uniform source. */
export function normalSource(random: () => number): () => number {
  let spare = Number.NaN;
  return () => {
    if (!Number.isNaN(spare)) {
      const out = spare;
      spare = Number.NaN;
      return out;
    }
    let u: number;
    let v: number;
    let s: number;
    do {
      u = 2 * random() - 1;
      v = 2 * random() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const f = Math.sqrt((-2 * Math.log(s)) / s);
    spare = v * f;
    return u * f;
  };
}

/** Shuffles `items` in place (Fisher–Yates). */
export function shuffleInPlace<T>(items: T[], random: () => number): void {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const a = items[i] as T;
    items[i] = items[j] as T;
    items[j] = a;
  }
}
