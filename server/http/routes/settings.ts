import { Router } from "express";
import { z } from "zod";
import { confirmDiary, declareDiary, DIARY_MODES } from "../../core/pain-diary.ts";
import { UNITS, type Settings, type SettingsRepo } from "../../db/settings-repo.ts";
import { isoDateSchema } from "../../api/pain.ts";
import type { Settings as SettingsView } from "../../api/settings.ts";
import { DomainError } from "../../errors.ts";
import { parseInput } from "../params.ts";

// GET answers painDiary with its history (periods, confirmations); PUT takes {mode, since} and ignores the rest,
// so a client may send back what it read.
const painDiaryInputSchema = z
  .object({ mode: z.enum(DIARY_MODES), since: isoDateSchema.nullable().default(null) })
  .refine((d) => d.mode === "pain_days" || d.since === null, {
    message: 'since must be null when mode is "every_day"',
    path: ["since"],
  });

const settingsPatchSchema = z
  .strictObject({
    units: z.enum(UNITS),
    heightCm: z.number().min(50, "must be at least 50").max(250, "must be at most 250").nullable(),
    painDiary: painDiaryInputSchema,
  })
  .partial();

export interface SettingsRouteDeps {
  settings: SettingsRepo;
  /** The runner's local date (declarations are dated with it). */
  today: () => string;
  /** The UTC offset (s) today is reckoned in. */
  utcOffsetS: () => number;
  onChange: () => void;
}

/** GET and PUT /api/settings: units (km/mi), the optional height and how the pain diary is kept. */
export function settingsRoutes(deps: SettingsRouteDeps): Router {
  const router = Router();
  // Every answer carries the runner's today, so the dashboard never decides "today" by the browser's zone.
  const view = (settings: Settings): SettingsView => ({
    ...settings,
    today: deps.today(),
    utcOffsetS: deps.utcOffsetS(),
  });
  router.get("/", (_req, res) => {
    res.json(view(deps.settings.get()));
  });
  router.put("/", (req, res) => {
    const patch = parseInput(settingsPatchSchema, req.body, "settings");
    const today = deps.today();
    if (patch.painDiary?.since && patch.painDiary.since > today) {
      throw new DomainError(
        "invalid-input",
        `Invalid settings: painDiary.since cannot be after today (${today}).`,
      );
    }
    const next = deps.settings.update({
      ...(patch.units !== undefined && { units: patch.units }),
      ...(patch.heightCm !== undefined && { heightCm: patch.heightCm }),
      ...(patch.painDiary !== undefined && {
        painDiary: declareDiary(deps.settings.get().painDiary, patch.painDiary, today),
      }),
    });
    deps.onChange();
    res.json(view(next));
  });
  // The weekly one-tap "no other pain this week": keeps days counted as pain-free through a quiet stretch.
  router.post("/pain-diary/confirm", (_req, res) => {
    const diary = deps.settings.get().painDiary;
    const next = deps.settings.update({ painDiary: confirmDiary(diary, deps.today()) });
    deps.onChange();
    res.json(view(next));
  });
  return router;
}
