import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { request } from "node:http";
import { z } from "zod";
import { startTestApp, type TestApp } from "../support/app.ts";
import {
  apiErrorSchema,
  painEntryInputSchema,
  painEntrySchema,
  settingsSchema,
} from "../../server/api/index.ts";
import { expectBody } from "../support/api.ts";

// A table-driven sweep of hostile input over every API route: each must answer 4xx with a JSON error naming the
// problem, never a 500 and never a stack trace.

interface Case {
  method: string;
  path: string;
  type?: string;
  body?: string;
  expect: number[];
}

const JSON_TYPE = "application/json";
const validPain = { date: "2024-07-10", severity: 3, location: "lateral" };
const junkPaths = [
  "1e3",
  "%00",
  "0x10",
  "-1",
  "0",
  "1.5",
  "99999999999999999999",
  "abc",
  "%2e%2e",
  "1%20",
  "%20%201",
];
const junkValues: unknown[] = [
  null,
  true,
  "",
  "x".repeat(10_000),
  -1,
  1e308,
  Number.MAX_SAFE_INTEGER,
  [],
  {},
  [1, 2],
  { $gt: 1 },
];

function painBodies(): string[] {
  const bodies: unknown[] = [
    null,
    [],
    "string",
    42,
    { ...validPain, extra: 1 },
    { ...validPain, constructor: { prototype: { polluted: true } } },
    { ...validPain, note: "n".repeat(2001) },
    { ...validPain, date: "2024-02-30" },
    { ...validPain, date: "99999-01-01" },
    { ...validPain, severity: 11 },
    { ...validPain, severity: 2.5 },
    { ...validPain, redFlags: ["made_up"] },
    { ...validPain, redFlags: Array(100).fill("after_a_fall") },
  ];
  for (const field of ["date", "severity", "location", "side", "timing", "note", "redFlags"]) {
    for (const v of junkValues) bodies.push({ ...validPain, [field]: v });
  }
  const raw = bodies.map((b) => JSON.stringify(b));
  // An own "__proto__" key, as JSON.parse makes it (an object literal would set the prototype instead).
  raw.push(JSON.stringify(validPain).replace("{", '{"__proto__":{"polluted":true},'));
  return raw;
}

/** Bodies the schema accepts (a null side, an empty note) are fine answers, not bad input. */
const acceptable = (body: string): boolean => painEntryInputSchema.safeParse(JSON.parse(body)).success;

function settingsBodies(): string[] {
  const bodies: unknown[] = [
    null,
    [],
    "km",
    { units: "km", extra: true },
    { heightCm: 49 },
    { heightCm: 251 },
  ];
  for (const field of ["units", "heightCm"]) for (const v of junkValues) bodies.push({ [field]: v });
  return bodies.map((b) => JSON.stringify(b)).filter((b) => b !== '{"heightCm":null}');
}

function cases(): Case[] {
  const out: Case[] = [];
  const malformed = ["{", '{"a":', "[1,]", "nul", "\u0000", '{"date":"2024-07-10",}', "💥"];
  const writes: [string, string][] = [
    ["POST", "/api/pain"],
    ["PUT", "/api/pain/1"],
    ["PUT", "/api/settings"],
  ];
  for (const [method, path] of writes) {
    for (const body of malformed) out.push({ method, path, type: JSON_TYPE, body, expect: [400] });
    out.push({ method, path, type: JSON_TYPE, body: `{"note":"${"a".repeat(300_000)}"}`, expect: [413] });
    for (const type of [
      "text/plain",
      "application/x-www-form-urlencoded",
      "application/xml",
      "multipart/form-data",
    ]) {
      out.push({ method, path, type, body: "x=1", expect: [400, 415] });
    }
    out.push({ method, path, expect: [400, 415] });
  }
  for (const body of painBodies().filter((b) => !acceptable(b))) {
    out.push({ method: "POST", path: "/api/pain", type: JSON_TYPE, body, expect: [400] });
    out.push({ method: "PUT", path: "/api/pain/1", type: JSON_TYPE, body, expect: [400, 404] });
  }
  for (const body of settingsBodies())
    out.push({ method: "PUT", path: "/api/settings", type: JSON_TYPE, body, expect: [400] });
  for (const junk of junkPaths) {
    for (const base of ["/api/activities/", "/api/pain/"]) {
      out.push({ method: "GET", path: base + junk, expect: [400, 404] });
      out.push({ method: "DELETE", path: base + junk, expect: [400, 404] });
    }
  }
  const queries = [
    "page=0",
    "page=-1",
    "page=1e3x",
    "page=abc",
    "pageSize=501",
    "pageSize=0",
    "pageSize=1.5",
    "runsOnly=yes",
    "page=1&page=2",
    "page[$gt]=1",
    "unknown=1",
    `page=${"9".repeat(400)}`,
    "%zz=1",
  ];
  for (const q of queries) out.push({ method: "GET", path: `/api/activities?${q}`, expect: [400] });
  for (const type of [JSON_TYPE, "text/plain", "multipart/form-data", "multipart/form-data; boundary=x"]) {
    out.push({ method: "POST", path: "/api/activities", type, body: '{"files":[]}', expect: [400, 415] });
  }
  out.push({
    method: "POST",
    path: "/api/activities",
    type: "multipart/form-data; boundary=x",
    body: '--x\r\nContent-Disposition: form-data; name="files"; filename="a.fit"\r\n\r\nabc', // never closed
    expect: [400],
  });
  for (const path of [
    "/api/overview",
    "/api/load",
    "/api/cadence",
    "/api/insights",
    "/api/settings",
    "/api/health",
  ]) {
    out.push({ method: "DELETE", path, expect: [404] });
    out.push({ method: "POST", path, type: JSON_TYPE, body: "{}", expect: [404] });
  }
  out.push({ method: "GET", path: "/api/%", expect: [400, 404] });
  out.push({ method: "GET", path: `/api/${"a".repeat(5000)}`, expect: [404] });
  out.push({ method: "PATCH", path: "/api/settings", type: JSON_TYPE, body: "{}", expect: [404] });
  return out;
}

function send(base: string, c: Case): Promise<{ status: number; type: string; body: string }> {
  const url = new URL(base);
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = {};
    if (c.type) headers["content-type"] = c.type;
    const req = request(
      { host: url.hostname, port: url.port, method: c.method, path: c.path, headers },
      (res) => {
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (d: string) => (body += d));
        res.on("end", () =>
          resolve({ status: res.statusCode ?? 0, type: String(res.headers["content-type"]), body }),
        );
      },
    );
    req.on("error", reject);
    req.end(c.body);
  });
}

describe("every API input, hostile", () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
    const created = await send(app.url, {
      method: "POST",
      path: "/api/pain",
      type: JSON_TYPE,
      body: JSON.stringify(validPain),
      expect: [201],
    });
    expect(created.status).toBe(201);
  });
  afterAll(() => app.close());

  it(`answers each of ${cases().length} bad requests with a clear 4xx JSON error, never a 500`, async () => {
    const wrong: string[] = [];
    for (const c of cases()) {
      const res = await send(app.url, c);
      const label = `${c.method} ${c.path.slice(0, 60)} ${c.type ?? ""} ${String(c.body).slice(0, 60)} → ${res.status}`;
      if (!c.expect.includes(res.status)) {
        wrong.push(`${label} ${res.body.slice(0, 200)}`);
        continue;
      }
      const error = apiErrorSchema.safeParse(JSON.parse(res.body)).data?.error;
      if (!res.type.includes("application/json") || !error?.code || error.message.length < 10) {
        wrong.push(`${label}: not a clear JSON error: ${res.body.slice(0, 200)}`);
      }
      if (/at .*\.(ts|js):\d+/.test(res.body)) wrong.push(`${label}: leaks a stack trace`);
    }
    expect(wrong).toEqual([]);
  }, 60_000);

  it("leaves the stored data untouched and the prototype unpolluted", async () => {
    const pain = await expectBody(
      await send(app.url, { method: "GET", path: "/api/pain", expect: [200] }),
      z.array(painEntrySchema),
    );
    expect(pain).toEqual([expect.objectContaining({ ...validPain, id: 1, note: "" })]);
    expect(({} as Record<string, unknown>)["polluted"]).toBeUndefined();
    const settings = await send(app.url, { method: "GET", path: "/api/settings", expect: [200] });
    expect(await expectBody(settings, settingsSchema)).toEqual({
      units: "km",
      heightCm: null,
      painDiary: { mode: "every_day", since: null, periods: [], confirmations: [] },
      today: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
      utcOffsetS: expect.any(Number),
    });
  });
});
