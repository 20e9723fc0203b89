import { Profile } from "@garmin/fitsdk";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fitCrc } from "../../fit-parser/decoder/crc.ts";
import { encodeActivity } from "../../fit-parser/encode.ts";
import type { PainEntryInput } from "../../server/api/index.ts";

// A ten-year history fast enough for a test: a few runs encoded with the SDK, each written again at many dates by
// moving its timestamps (the SDK encoder takes ~9 minutes for 2,080 real runs; this takes seconds).

/** Seconds between records in the templates: 5 s keeps the 2,080 files ~40 MB (a watch at 1 s writes ~176 MB). */
const RECORD_INTERVAL_S = 5;
const TEMPLATE_START_MS = Date.UTC(2020, 0, 1, 6, 30);
const DAY_S = 86_400;

interface Template {
  distanceM: number;
  speedMps: number;
  cadenceSpm: number;
  /** Steps/min lost by the end of the run (a late cadence drop). */
  lateDropSpm?: number;
}

// Easy runs (two with cadence low for their speed), a tempo run, and the long runs the weekly plan steps through.
const EASY: Template[] = [
  { distanceM: 6000, speedMps: 2.9, cadenceSpm: 170 },
  { distanceM: 7000, speedMps: 3.0, cadenceSpm: 172 },
  { distanceM: 8000, speedMps: 3.1, cadenceSpm: 174 },
  { distanceM: 9000, speedMps: 3.0, cadenceSpm: 171 },
  { distanceM: 7500, speedMps: 3.1, cadenceSpm: 156 },
  { distanceM: 8500, speedMps: 3.0, cadenceSpm: 158, lateDropSpm: 6 },
];
const TEMPO: Template = { distanceM: 8000, speedMps: 3.7, cadenceSpm: 182 };
const LONG: Template[] = [
  { distanceM: 14_000, speedMps: 2.9, cadenceSpm: 168 },
  { distanceM: 18_000, speedMps: 2.9, cadenceSpm: 167 },
  { distanceM: 22_000, speedMps: 2.85, cadenceSpm: 166, lateDropSpm: 5 },
  { distanceM: 26_000, speedMps: 2.8, cadenceSpm: 165, lateDropSpm: 7 },
];
/** The long run of each week of an 8-week block: the steps up are the mileage spikes. */
const LONG_PLAN = [0, 0, 1, 1, 2, 2, 3, 0];

/** A template run encoded by the SDK at 2020-01-01 07:30 local, with GPS and running dynamics. */
function encodeTemplate(t: Template): Uint8Array {
  const durationS = Math.round(t.distanceM / t.speedMps);
  const wobble = (s: number, period: number): number => Math.sin(s / period);
  return encodeActivity({
    start: TEMPLATE_START_MS,
    durationS,
    utcOffsetS: 3600,
    device: { manufacturer: "garmin", product: 3113, serialNumber: 3_999_000_018 },
    recordIntervalS: RECORD_INTERVAL_S,
    samples: {
      speedMps: (s) => t.speedMps + 0.25 * wobble(s, 97),
      cadenceSpm: (s) => t.cadenceSpm + 2 * wobble(s, 61) - (t.lateDropSpm ?? 0) * (s / durationS) ** 2,
      heartRateBpm: (s) => 128 + 20 * (t.speedMps - 2.8) + s / 300,
      altitudeM: (s) => 40 + 15 * wobble(s, 400),
      position: (_s, d) => ({
        latDeg: 46.2 + (d % 3000) / 111_000,
        lonDeg: 6.1 + Math.floor(d / 3000) / 2000,
      }),
      stepLengthM: (s) => (t.speedMps * 60) / t.cadenceSpm + 0.02 * wobble(s, 53),
      verticalOscillationMm: (s) => 86 + 3 * wobble(s, 41),
      verticalRatioPct: (s) => 8.1 + 0.3 * wobble(s, 47),
      stanceTimeMs: (s) => 250 - 20 * (t.speedMps - 2.8) + 5 * wobble(s, 43),
    },
  });
}

/**
 * A FIT file with every timestamp (date_time and local_date_time fields, per the SDK's Profile) moved by `shiftS`
 * and the file CRC written again. Reads the SDK encoder's output: normal headers, no compressed timestamps.
 */
export function retimeFit(bytes: Uint8Array, shiftS: number): Uint8Array {
  const out = bytes.slice();
  const view = new DataView(out.buffer, out.byteOffset, out.byteLength);
  const headerSize = out[0] ?? 0;
  const end = headerSize + view.getUint32(4, true);
  const layouts = new Map<number, { little: boolean; size: number; times: number[] }>();
  let p = headerSize;
  while (p < end) {
    const header = out[p++] ?? 0;
    if (header & 0x80) throw new Error("compressed timestamp headers are not handled");
    const local = header & 0x0f;
    if (header & 0x40) {
      const little = out[p + 1] === 0;
      const global = view.getUint16(p + 2, little);
      const count = out[p + 4] ?? 0;
      p += 5;
      const fields = Profile.messages[global]?.fields ?? {};
      const times: number[] = [];
      let size = 0;
      for (let i = 0; i < count; i++, p += 3) {
        const type = fields[out[p] ?? -1]?.type;
        const bytes = out[p + 1] ?? 0;
        if ((type === "dateTime" || type === "localDateTime") && bytes === 4) times.push(size);
        size += bytes;
      }
      if (header & 0x20) {
        const dev = out[p++] ?? 0;
        for (let i = 0; i < dev; i++, p += 3) size += out[p + 1] ?? 0;
      }
      layouts.set(local, { little, size, times });
    } else {
      const layout = layouts.get(local);
      if (!layout) throw new Error(`data message before its definition at byte ${p - 1}`);
      for (const at of layout.times) {
        const v = view.getUint32(p + at, layout.little);
        if (v !== 0xffffffff) view.setUint32(p + at, v + shiftS, layout.little);
      }
      p += layout.size;
    }
  }
  view.setUint16(end, fitCrc(out, 0, end), true);
  return out;
}

/** A seeded generator (mulberry32): the same history every run. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const dayOf = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

export interface TenYearHistory {
  runs: number;
  firstDate: string;
  lastDate: string;
  pain: { input: PainEntryInput; loggedAt: string }[];
}

/**
 * Writes `weeks` weeks of four runs a week (Tue, Thu and Sat easy or tempo, a long run on Sunday) ending on the
 * Sunday on or before `lastDay`, as FIT files in `dir`, and returns the pain log that goes with them: pain after
 * most spike runs and some low-cadence runs, pain-free days logged on most other days.
 */
export function writeTenYearHistory(dir: string, lastDay: string, weeks = 520): TenYearHistory {
  mkdirSync(dir, { recursive: true });
  const easy = EASY.map(encodeTemplate);
  const tempo = encodeTemplate(TEMPO);
  const long = LONG.map(encodeTemplate);
  const random = seeded(2026);
  const lastMs = Date.parse(`${lastDay}T00:00:00Z`);
  const sundayMs = lastMs - new Date(lastMs).getUTCDay() * DAY_S * 1000;
  const firstMonday = sundayMs - (weeks * 7 - 1) * DAY_S * 1000;
  const pain: TenYearHistory["pain"] = [];
  let runs = 0;
  const sore = new Map<string, number>();
  for (let w = 0; w < weeks; w++) {
    const monday = firstMonday + w * 7 * DAY_S * 1000;
    const week: [number, Uint8Array, boolean][] = [1, 3, 5].map((day) => {
      const pick = random();
      const i = Math.floor(random() * 4);
      if (pick < 0.15) return [day, tempo, false];
      if (pick < 0.3) return [day, easy[4 + (i % 2)] as Uint8Array, true];
      return [day, easy[i] as Uint8Array, false];
    });
    const block = LONG_PLAN[w % LONG_PLAN.length] as number;
    const spike = w > 0 && block > (LONG_PLAN[(w - 1) % LONG_PLAN.length] as number);
    week.push([6, long[block] as Uint8Array, spike]);
    for (const [day, template, cause] of week) {
      const startMs = monday + day * DAY_S * 1000 + Math.floor(random() * 90) * 60_000;
      const bytes = retimeFit(template, Math.round((startMs - TEMPLATE_START_MS) / 1000));
      writeFileSync(join(dir, `${String(runs).padStart(5, "0")}.fit`), bytes);
      runs++;
      // Pain the day after a run with a cause, most of the time; rarely after others.
      if (random() < (cause ? 0.7 : 0.05))
        sore.set(dayOf(startMs + DAY_S * 1000), 2 + Math.floor(random() * 4));
    }
  }
  for (let ms = firstMonday; ms <= sundayMs; ms += DAY_S * 1000) {
    const date = dayOf(ms);
    const severity = sore.get(date);
    if (severity === undefined && random() > 0.45) continue;
    pain.push({
      input: {
        date,
        severity: severity ?? 0,
        location: severity === undefined ? null : "lateral",
        side: severity === undefined ? null : "right",
        timing: severity === undefined ? null : "next_morning",
        note: "",
        redFlags: [],
      },
      loggedAt: `${date}T19:00:00.000Z`,
    });
  }
  return { runs, firstDate: dayOf(firstMonday), lastDate: dayOf(sundayMs), pain };
}
