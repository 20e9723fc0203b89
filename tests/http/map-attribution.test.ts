import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../support/app.ts";
import { mapSettingsSchema, OSM_ATTRIBUTION } from "../../server/api/index.ts";

async function put(app: TestApp, body: unknown): Promise<[number, unknown]> {
  const res = await fetch(`${app.url}/api/map`, {
    method: "PUT",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  return [res.status, await res.json()];
}

describe("the map tiles' credit line", () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ now: () => new Date("2026-12-01T12:00:00Z") });
  });
  afterAll(() => app.close());

  it("is saved beside the tile URL and given back with it", async () => {
    const [status, body] = await put(app, {
      tileUrl: "https://tiles.example.org/{z}/{x}/{y}.png",
      tileAttribution: "  Tiles © Example Maps  ",
    });
    expect(status).toBe(200);
    expect(mapSettingsSchema.parse(body)).toEqual({
      tileUrl: "https://tiles.example.org/{z}/{x}/{y}.png",
      tileAttribution: "Tiles © Example Maps",
    });
    const again = mapSettingsSchema.parse(await (await fetch(`${app.url}/api/map`)).json());
    expect(again.tileAttribution).toBe("Tiles © Example Maps");
  });

  it("keeps the credit when only the URL changes, and clears it on null", async () => {
    const [, kept] = await put(app, { tileUrl: "https://other.example.org/{z}/{x}/{y}.png" });
    expect(mapSettingsSchema.parse(kept).tileAttribution).toBe("Tiles © Example Maps");
    const [, cleared] = await put(app, {
      tileUrl: "https://other.example.org/{z}/{x}/{y}.png",
      tileAttribution: null,
    });
    expect(mapSettingsSchema.parse(cleared).tileAttribution).toBeNull();
  });

  it("never leaves OpenStreetMap's tiles without their required credit", async () => {
    const [, body] = await put(app, {
      tileUrl: "https://tile.openstreetmap.org/{z}/{x}/{y}.png",
      tileAttribution: "",
    });
    expect(mapSettingsSchema.parse(body).tileAttribution).toBe(OSM_ATTRIBUTION);
  });

  it("refuses markup and over-long credits, and shows none while tiles are off", async () => {
    const url = "https://tiles.example.org/{z}/{x}/{y}.png";
    expect((await put(app, { tileUrl: url, tileAttribution: "<b>x</b>" }))[0]).toBe(400);
    expect((await put(app, { tileUrl: url, tileAttribution: "x".repeat(201) }))[0]).toBe(400);
    const [, off] = await put(app, { tileUrl: null });
    expect(mapSettingsSchema.parse(off)).toEqual({ tileUrl: null, tileAttribution: null });
  });
});
