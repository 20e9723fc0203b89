/** Whether a session is a run for the analysis: a triathlon's run leg is, a walk or a ride is not. */
export function isRunSport(sport: string): boolean {
  return sport === "running";
}
