import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../support/app.ts";
import { expectBody, expectError, getBody, sendJson } from "../support/api.ts";
import { type MapSettings, mapSettingsSchema, OSM_ATTRIBUTION } from "../../server/api/index.ts";

const put = async (app: TestApp, body: unknown): Promise<MapSettings> =>
  expectBody(await fetch(`${app.url}/api/map`, sendJson("PUT", body)), mapSettingsSchema);
const refused = async (app: TestApp, body: unknown): Promise<string> =>
  (await expectError(await fetch(`${app.url}/api/map`, sendJson("PUT", body)), 400)).message;

describe("the map tiles' credit line", () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ now: () => new Date("2026-12-01T12:00:00Z") });
  });
  afterAll(() => app.close());

  it("is saved beside the tile URL and given back with it", async () => {
    const body = await put(app, {
      tileUrl: "https://tiles.example.org/{z}/{x}/{y}.png",
      tileAttribution: "  Tiles © Example Maps  ",
    });
    expect(body).toEqual({
      tileUrl: "https://tiles.example.org/{z}/{x}/{y}.png",
      tileAttribution: "Tiles © Example Maps",
    });
    const again = await getBody(`${app.url}/api/map`, mapSettingsSchema);
    expect(again.tileAttribution).toBe("Tiles © Example Maps");
  });

  it("keeps the credit when only the URL changes, and clears it on null", async () => {
    const kept = await put(app, { tileUrl: "https://other.example.org/{z}/{x}/{y}.png" });
    expect(kept.tileAttribution).toBe("Tiles © Example Maps");
    const cleared = await put(app, {
      tileUrl: "https://other.example.org/{z}/{x}/{y}.png",
      tileAttribution: null,
    });
    expect(cleared.tileAttribution).toBeNull();
  });

  it("never leaves OpenStreetMap's tiles without their required credit", async () => {
    const body = await put(app, {
      tileUrl: "https://tile.openstreetmap.org/{z}/{x}/{y}.png",
      tileAttribution: "",
    });
    expect(body.tileAttribution).toBe(OSM_ATTRIBUTION);
  });

  it("refuses markup and over-long credits, and shows none while tiles are off", async () => {
    const url = "https://tiles.example.org/{z}/{x}/{y}.png";
    expect(await refused(app, { tileUrl: url, tileAttribution: "<b>x</b>" })).toMatch(/plain text/);
    expect(await refused(app, { tileUrl: url, tileAttribution: "x".repeat(201) })).toMatch(/200 characters/);
    expect(await put(app, { tileUrl: null })).toEqual({ tileUrl: null, tileAttribution: null });
  });
});
