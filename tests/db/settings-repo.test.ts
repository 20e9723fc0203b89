import { describe, expect, it } from "vitest";
import { openDb } from "../../server/db/open.ts";
import { DEFAULT_SETTINGS, createSettingsRepo } from "../../server/db/settings-repo.ts";
import { DEFAULT_PAIN_DIARY } from "../../server/core/pain-diary.ts";

const painDiary = DEFAULT_PAIN_DIARY;

describe("settings repo", () => {
  it("starts with km and no height", () => {
    expect(createSettingsRepo(openDb(":memory:")).get()).toEqual({ units: "km", heightCm: null, painDiary });
    expect(DEFAULT_SETTINGS.units).toBe("km");
  });

  it("keeps what was set and leaves other keys alone", () => {
    const settings = createSettingsRepo(openDb(":memory:"));
    expect(settings.update({ units: "mi" })).toEqual({ units: "mi", heightCm: null, painDiary });
    expect(settings.update({ heightCm: 172 })).toEqual({ units: "mi", heightCm: 172, painDiary });
    expect(settings.update({ heightCm: null }).heightCm).toBeNull();
  });

  it("falls back to the default for a stored value that no longer fits", () => {
    const db = openDb(":memory:");
    db.sqlite.prepare("INSERT INTO settings (key, value) VALUES ('units', '\"furlongs\"')").run();
    expect(createSettingsRepo(db).get().units).toBe("km");
  });
});
