import { z } from "zod";

const num = z.number().nullable();

const bool = z.enum(["true", "false"]).transform((v) => v === "true");
const localDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date written YYYY-MM-DD");
const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/);
const metres = z.coerce.number().min(0).max(1_000_000);

/** Flags the runs list can be narrowed to; a run must carry every one asked for. */
export const LIST_FLAGS = ["overstriding", "spike", "partial", "demo", "date"] as const;
export const listFlagSchema = z.enum(LIST_FLAGS);
export type ListFlag = z.infer<typeof listFlagSchema>;

/** `GET /api/activities` query: paging, and the runs list's search and filters. */
export const activityListQuerySchema = z.strictObject({
  page: z.coerce.number().int().min(1).max(1_000_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
  runsOnly: bool.default(false),
  from: localDate.optional(),
  to: localDate.optional(),
  minDistanceM: metres.optional(),
  maxDistanceM: metres.optional(),
  q: z.string().max(100).optional(),
  shoe: z.union([z.literal("none"), z.coerce.number().int().positive()]).optional(),
  flags: z
    .string()
    .max(200)
    .transform((v) => v.split(",").filter(Boolean))
    .pipe(z.array(listFlagSchema))
    .default([]),
  includeShort: bool.default(false),
});
export type ActivityListQuery = z.infer<typeof activityListQuerySchema>;

export const overstridingFlagSchema = z.enum(["none", "possible", "marked"]);
export type OverstridingFlag = z.infer<typeof overstridingFlagSchema>;

/** Frandsen et al. 2025 categories of a run's distance against the longest of the 30 days before. */
export const spikeCategorySchema = z.enum([
  "within_10pct",
  "10_to_30pct",
  "30_to_100pct",
  "over_100pct",
  "no_recent_base",
]);
export type SpikeCategory = z.infer<typeof spikeCategorySchema>;

export const runFlagsSchema = z.object({
  /** null for activities that are not runs or have no cadence. */
  overstriding: overstridingFlagSchema.nullable(),
  absoluteLowCadence: z.boolean(),
  lateCadenceDrop: z.boolean(),
  spike: z.object({ category: spikeCategorySchema, ratio: num, longestPrior30dM: num }).nullable(),
});
export type RunFlags = z.infer<typeof runFlagsSchema>;

export const activityListItemSchema = z.object({
  id: z.number().int(),
  sport: z.string(),
  subSport: z.string().nullable(),
  isRun: z.boolean(),
  startUtc: z.string(),
  localDate: z.string(),
  distanceM: num,
  timerS: num,
  avgSpeedMps: num,
  avgCadenceSpm: num,
  avgHeartRateBpm: num,
  /** Median cadence over the running time (speed ≥ 1.5 m/s): the one average the flags and the dashboard use. */
  medianCadenceSpm: num,
  /** Expected cadence at this run's speeds (personal model, or the population line until there is one). */
  expectedCadenceSpm: num,
  /** Median (observed − expected) / expected, in percent; negative is below expected. */
  cadenceResidualPct: num,
  device: z.object({ manufacturer: z.string().nullable(), product: z.string().nullable() }),
  flags: runFlagsSchema,
  /** Read from a file cut off before its end; a complete copy replaces it. */
  partial: z.boolean(),
  name: z.string().nullable(),
  notes: z.string(),
  shoeId: z.number().int().nullable(),
  /** Dated before 2000 or after tomorrow (a watch clock never set), not confirmed: off time axes until fixed. */
  dateSuspect: z.boolean(),
  /** "07:05": when the run started, in its own time zone (as the file records it), whatever the viewer's zone. */
  localStartTime: clockTime,
  /** Under a minute or 100 m: stored, hidden from the list, not counted as a run. */
  tooShort: z.boolean(),
  /** Why a run has no cadence verdict (walking pace, no cadence in the file); null when it has one. */
  noCadenceVerdict: z.string().nullable(),
  /** From "Try the demo" (set on the runs list). */
  demo: z.boolean().optional(),
});
export type ActivityListItem = z.infer<typeof activityListItemSchema>;

export const activityPageSchema = z.object({
  items: z.array(activityListItemSchema),
  total: z.number().int(),
  /** Recordings hidden because they are too short to be runs (shown with includeShort=true). */
  hiddenShort: z.number().int().optional(),
  /** With flags asked for: how many the other filters leave before the flags narrow them ("12 of your 80 runs"). */
  totalBeforeFlags: z.number().int().optional(),
  /** Runs whose date needs the runner: listed to fix or confirm. */
  dateSuspect: z.array(activityListItemSchema).optional(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export type ActivityPage = z.infer<typeof activityPageSchema>;

export const lapViewSchema = z.object({
  index: z.number().int(),
  startUtc: z.string(),
  elapsedS: num,
  timerS: num,
  distanceM: num,
  avgSpeedMps: num,
  avgCadenceSpm: num,
  avgHeartRateBpm: num,
  /** Median cadence over the lap's running samples (full resolution), the same average as the run's own. */
  medianCadenceSpm: num,
});
export type LapView = z.infer<typeof lapViewSchema>;

const column = z.array(num);
/** Downsampled columns for charts; null where the file held no value. */
export const seriesViewSchema = z.object({
  timeS: z.array(z.number()),
  distanceM: column,
  speedMps: column,
  cadenceSpm: column,
  expectedCadenceSpm: column,
  heartRateBpm: column,
  altitudeM: column,
  stepLengthM: column,
  verticalOscillationMm: column,
  verticalRatioPct: column,
  stanceTimeMs: column,
});
export type SeriesView = z.infer<typeof seriesViewSchema>;

export const flaggedSegmentSchema = z.object({
  startS: z.number(),
  endS: z.number(),
  medianResidualPct: z.number(),
});
export type FlaggedSegment = z.infer<typeof flaggedSegmentSchema>;

/** How a date fix left a run: moved from where its file puts it, or its doubtful date confirmed as it was. */
export const runDateFixSchema = z.object({
  /** Seconds the run sits from where its file puts it; 0 when the runner only confirmed the date. */
  shiftS: z.number().int(),
  confirmed: z.boolean(),
  /** The file's own local date and start time: where an undo puts the run back. */
  fileLocalDate: localDate,
  fileLocalStartTime: clockTime,
});
export type RunDateFix = z.infer<typeof runDateFixSchema>;

/** `GET /api/activities/:id`. */
export const activityDetailSchema = z.object({
  summary: activityListItemSchema.extend({
    elapsedS: num,
    maxSpeedMps: num,
    maxHeartRateBpm: num,
    totalAscentM: num,
    avgStepLengthM: num,
    avgVerticalOscillationMm: num,
    avgVerticalRatioPct: num,
    avgStanceTimeMs: num,
    hasRunningDynamics: z.boolean(),
    fileName: z.string(),
    /** Share of running time in flagged stretches, 0–1. */
    flaggedShare: num,
    /** Late-run drop: last-quarter minus first-quarter median residual, in percentage points. */
    lateDropPts: num,
    /** The runner's date fix (undone by `PUT /api/activities/:id/date` `{ action: "undo" }`); null when none. */
    dateFix: runDateFixSchema.nullable(),
    /** The UTC offset (s) the run's date and start time are in. */
    utcOffsetS: z.number().int(),
    /**
     * "file" when the file records it; else assumed: the runner's nearest run's that records one ("nearby-run"),
     * or the zone of the computer Stridewise runs on ("server-zone").
     */
    utcOffsetSource: z.enum(["file", "nearby-run", "server-zone"]),
  }),
  laps: z.array(lapViewSchema),
  series: seriesViewSchema,
  flaggedSegments: z.array(flaggedSegmentSchema),
  /** Plain sentences about this run ("Your cadence was 6% below what you usually run at this speed"). */
  notes: z.array(z.string()),
});
export type ActivityDetail = z.infer<typeof activityDetailSchema>;

/** A run's route: [lat, lon] points (≤ 500), empty when the file has no GPS. */
export const routeViewSchema = z.object({
  points: z.array(z.tuple([z.number(), z.number()])),
  bounds: z
    .object({ minLat: z.number(), maxLat: z.number(), minLon: z.number(), maxLon: z.number() })
    .nullable(),
});
export type RouteView = z.infer<typeof routeViewSchema>;

/** `PATCH /api/activities/:id` body: the runner's name, notes, shoe and date fix for a run. */
export const runEditSchema = z
  .strictObject({
    name: z.string().trim().max(120).nullable(),
    notes: z.string().max(5000),
    shoeId: z.number().int().positive().nullable(),
    dateShiftDays: z.number().int().min(-36_500).max(36_500),
    dateConfirmed: z.boolean(),
  })
  .partial();
export type RunEdit = z.infer<typeof runEditSchema>;

/** `PATCH /api/activities/:id`: the run's name, notes, shoe and date as stored after the edit. */
export const runEditedSchema = z.object({
  id: z.number().int(),
  name: z.string().nullable(),
  notes: z.string(),
  shoeId: z.number().int().nullable(),
  localDate: z.string(),
  /** Days moved from the file's date: fractional when a date fix also moved the time of day. */
  dateShiftDays: z.number(),
  dateConfirmed: z.boolean(),
});
export type RunEdited = z.infer<typeof runEditedSchema>;

const whole = (limit: number) => z.number().int().min(-limit).max(limit).default(0);

/**
 * `PUT /api/activities/:id/date` body: confirm a doubtful date, set the right local date (and time), shift by
 * how far the watch's clock was off, or undo a fix. Times are the run's own local time.
 */
export const dateFixSchema = z.discriminatedUnion("action", [
  z.strictObject({ action: z.literal("confirm") }),
  z.strictObject({ action: z.literal("undo") }),
  z.strictObject({
    action: z.literal("set"),
    localDate,
    localTime: z
      .string()
      .regex(/^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?$/, "must be a time written HH:MM")
      .optional(),
  }),
  z
    .strictObject({
      action: z.literal("offset"),
      years: whole(100),
      days: whole(36_500),
      hours: whole(23),
      minutes: whole(59),
    })
    .refine((o) => o.years !== 0 || o.days !== 0 || o.hours !== 0 || o.minutes !== 0, {
      message: "must move the run by something",
    }),
]);
export type DateFixInput = z.input<typeof dateFixSchema>;

/** `PUT /api/activities/:id/date` answer: where the run is now. */
export const dateFixResultSchema = z.object({
  id: z.number().int(),
  startUtc: z.string(),
  localDate: z.string(),
  /** "07:30": the run's start in its own time zone, where it now sits. */
  localStartTime: clockTime,
  /** Seconds the run sits from where its file puts it. */
  dateShiftS: z.number().int(),
  dateConfirmed: z.boolean(),
  /** Still kept out of the charts (only after an undo to a doubtful date). */
  dateSuspect: z.boolean(),
});
export type DateFixResult = z.infer<typeof dateFixResultSchema>;
