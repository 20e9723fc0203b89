/** Whether a session is a run for the analysis: a triathlon's run leg is, a walk or a ride is not. */
export function isRunSport(sport: string): boolean {
  return sport === "running";
}

type Parse = { ok: true; activities: readonly unknown[] } | { ok: false; code: string; message: string };

/** A parse is stored when it read at least one activity. */
export function isStorable<P extends Parse>(parse: P): parse is Extract<P, { ok: true }> {
  return parse.ok && parse.activities.length > 0;
}

/** Why a parse is not stored: not an activity, or nothing in it, is skipped; anything else is refused. */
export function whyNotStored(parse: Parse): {
  status: "skipped" | "rejected";
  code: string;
  message: string;
} {
  if (parse.ok) return { status: "skipped", code: "no-activity", message: "No activity." };
  return {
    status: parse.code === "not-an-activity" ? "skipped" : "rejected",
    code: parse.code,
    message: parse.message,
  };
}
