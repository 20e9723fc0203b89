import { num } from "./values.ts";

/** Sports whose cadence is footfalls: only these are converted to steps per minute. */
const FOOT_SPORTS = new Set(["running", "walking", "hiking"]);

export function isFootSport(sport: string): boolean {
  return FOOT_SPORTS.has(sport);
}

/** Lowest and highest plausible running/walking cadence in steps per minute (science.md §1). */
export const MIN_SPM = 60;
export const MAX_SPM = 260;

/**
 * How the file's cadence field is scaled. FIT says strides/min (×2 for steps); a few writers put steps/min there.
 * science.md §1: a median of 60–110 is strides/min; 130–220 is already steps/min.
 */
export type CadenceScale = 2 | 1;

/** Raw cadence (cadence + fractional_cadence) as the file holds it, NaN if absent or an invalid sentinel. */
export function rawCadence(cadence: unknown, fractional: unknown, cadence256?: unknown): number {
  const whole = num(cadence);
  // 0xFF is uint8's invalid value; the SDK drops it, but be safe if a writer leaks it through.
  if (Number.isFinite(whole) && whole < 255) {
    const frac = num(fractional);
    return whole + (Number.isFinite(frac) && frac >= 0 && frac < 1 ? frac : 0);
  }
  const fine = num(cadence256);
  return Number.isFinite(fine) && fine < 255 ? fine : Number.NaN;
}

/** Decide the scale from the median of the moving (non-zero) raw values; strides/min unless clearly steps/min. */
export function cadenceScale(raw: ArrayLike<number>): CadenceScale {
  let moving = 0;
  let below = 0;
  for (let i = 0; i < raw.length; i++) {
    const v = raw[i] ?? Number.NaN;
    if (v > 0) {
      moving++;
      if (v < 125) below++;
    }
  }
  return scaleOfCounts(moving, below);
}

/** The scale from counts: how many raw values are moving (> 0), and how many of those are below 125. */
export function scaleOfCounts(moving: number, below: number): CadenceScale {
  // The median of the moving values is >= 125 exactly when at most ⌊n/2⌋ of them are below 125: count, no sort.
  if (moving === 0) return 2;
  return below <= Math.floor(moving / 2) ? 1 : 2;
}

/**
 * Steps per minute from a raw value: 0 stays 0 (standing), implausible values become NaN, never a number.
 */
export function toSpm(raw: number, scale: CadenceScale): number {
  if (!Number.isFinite(raw) || raw < 0) return Number.NaN;
  if (raw === 0) return 0;
  const spm = raw * scale;
  return spm >= MIN_SPM && spm <= MAX_SPM ? spm : Number.NaN;
}
