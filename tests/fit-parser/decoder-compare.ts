// Deep comparison for the differential tests: NaN, null and undefined all mean "no value"; floats agree within a
// relative 1e-6; Dates by time; typed arrays element by element. Returns the first differences as paths.

const REL = 1e-6;

function absent(v: unknown): boolean {
  return v === null || v === undefined || (typeof v === "number" && Number.isNaN(v));
}

function closeNumbers(a: number, b: number): boolean {
  if (a === b) return true;
  return Math.abs(a - b) <= REL * Math.max(Math.abs(a), Math.abs(b));
}

function isList(v: unknown): v is ArrayLike<unknown> {
  return Array.isArray(v) || (ArrayBuffer.isView(v) && !(v instanceof DataView));
}

/** Paths where `a` and `b` differ (at most `limit`). */
export function differences(a: unknown, b: unknown, path = "", out: string[] = [], limit = 10): string[] {
  if (out.length >= limit) return out;
  if (absent(a) && absent(b)) return out;
  if (typeof a === "number" && typeof b === "number") {
    if (!closeNumbers(a, b)) out.push(`${path}: ${a} ≠ ${b}`);
    return out;
  }
  if (a instanceof Date && b instanceof Date) {
    if (a.getTime() !== b.getTime()) out.push(`${path}: ${a.toISOString()} ≠ ${b.toISOString()}`);
    return out;
  }
  if (isList(a) && isList(b)) {
    if (a.length !== b.length) {
      out.push(`${path}: length ${a.length} ≠ ${b.length}`);
      return out;
    }
    for (let i = 0; i < a.length && out.length < limit; i++)
      differences(a[i], b[i], `${path}[${i}]`, out, limit);
    return out;
  }
  if (typeof a === "object" && typeof b === "object" && a !== null && b !== null) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const k of keys) {
      differences(
        (a as Record<string, unknown>)[k],
        (b as Record<string, unknown>)[k],
        `${path}.${k}`,
        out,
        limit,
      );
    }
    return out;
  }
  if (a !== b) out.push(`${path}: ${String(a)} ≠ ${String(b)}`);
  return out;
}

/** Only the keys of `obj` that are in `keys` (to compare an SDK message with the subset our decoder reads). */
export function pick(obj: Record<string, unknown>, keys: ReadonlySet<string>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(obj).filter(([k]) => keys.has(k)));
}
