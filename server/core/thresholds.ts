// Every rule's number in one place (science.md §2–§5). Callers may override any of them.

export interface Thresholds {
  /** Samples slower than this are walking or standing (m/s). */
  runningSpeedMps: number;
  minCadenceSpm: number;
  maxCadenceSpm: number;
  /** Ground steeper than this (%, up or down, over gradeBaselineM) is left out of the cadence analysis. */
  maxGradePct: number;
  gradeBaselineM: number;
  /** Rolling-median window for speed and cadence (s). */
  smoothingWindowS: number;
  /** A longer gap between samples is a pause: it counts as no running time and breaks segments (s). */
  maxSampleGapS: number;
  /** Population line: spm = intercept + slope × speed (van Oeveren 2019). */
  populationInterceptSpm: number;
  populationSlopeSpmPerMps: number;
  /** Personal model needs this many reference runs spanning this speed range. */
  minReferenceRuns: number;
  minReferenceSpanMps: number;
  /** Prior SD of speed (m/s) at which the data and the 6 spm per m/s prior weigh the same. */
  slopePriorSpeedSdMps: number;
  /** A reference run must hold this much running time (s). */
  minReferenceRunningS: number;
  possibleResidual: number;
  markedResidual: number;
  minSegmentS: number;
  flaggedFraction: number;
  absoluteLowMarginSpm: number;
  warmUpS: number;
  lateDropPoints: number;
  /** Single-run spike: distance above this multiple of L30. */
  spikeRatio: number;
  weeklyChangeNoted: number;
  minEligibleRuns: number;
  minFlaggedRuns: number;
  minUnflaggedRuns: number;
  minPainEvents: number;
  /** Eligible runs without pain needed before a verdict. */
  minPainFreeRuns: number;
  /** A flare is ≥ max(painEventSeverity, pre-run pain + painAboveBaseline) (Farrar 2001: 2 points). */
  painEventSeverity: number;
  painAboveBaseline: number;
  /** A run is eligible when its pre-run pain is ≤ max(maxPreRunPain, 7-day baseline + 1). */
  maxPreRunPain: number;
  /** An entry written more than this many days after its date is "recalled". */
  recalledAfterDays: number;
  alpha: number;
  /** A spike in this many hours before a run counts as that run's (lagged) exposure. */
  spikeLagH: number;
}

export const DEFAULT_THRESHOLDS: Thresholds = {
  runningSpeedMps: 1.5,
  minCadenceSpm: 120,
  maxCadenceSpm: 240,
  maxGradePct: 3,
  gradeBaselineM: 100,
  smoothingWindowS: 30,
  maxSampleGapS: 30,
  populationInterceptSpm: 150,
  populationSlopeSpmPerMps: 6,
  minReferenceRuns: 8,
  minReferenceSpanMps: 0.5,
  slopePriorSpeedSdMps: 0.15,
  minReferenceRunningS: 600,
  possibleResidual: -0.05,
  markedResidual: -0.1,
  minSegmentS: 300,
  flaggedFraction: 0.2,
  absoluteLowMarginSpm: 16,
  warmUpS: 600,
  lateDropPoints: 3,
  spikeRatio: 1.1,
  weeklyChangeNoted: 0.3,
  minEligibleRuns: 20,
  minFlaggedRuns: 5,
  minUnflaggedRuns: 5,
  minPainEvents: 3,
  minPainFreeRuns: 5,
  painEventSeverity: 3,
  painAboveBaseline: 2,
  maxPreRunPain: 2,
  recalledAfterDays: 3,
  alpha: 0.05,
  spikeLagH: 48,
};

/** Defaults with the caller's overrides applied. */
export function withDefaults(overrides: Partial<Thresholds> = {}): Thresholds {
  return { ...DEFAULT_THRESHOLDS, ...overrides };
}
