import { Profile } from "@garmin/fitsdk";
import type { ProfileField, ProfileMesg, ProfileSubField } from "@garmin/fitsdk";

// Everything about messages and fields (names, types, scales, offsets, components, sub-fields) comes from the
// SDK's Profile; this file only says which of them Stridewise reads.

export const MESG = {
  fileId: Profile.MesgNum["FILE_ID"] ?? 0,
  sport: Profile.MesgNum["SPORT"] ?? 12,
  session: Profile.MesgNum["SESSION"] ?? 18,
  lap: Profile.MesgNum["LAP"] ?? 19,
  record: Profile.MesgNum["RECORD"] ?? 20,
  deviceInfo: Profile.MesgNum["DEVICE_INFO"] ?? 23,
  activity: Profile.MesgNum["ACTIVITY"] ?? 34,
  hr: Profile.MesgNum["HR"] ?? 132,
  fieldDescription: Profile.MesgNum["FIELD_DESCRIPTION"] ?? 206,
  developerDataId: Profile.MesgNum["DEVELOPER_DATA_ID"] ?? 207,
} as const;

/** What a lap is read for (buildLap, and the sport of a file without a session). */
const LAP = [
  "timestamp",
  "startTime",
  "sport",
  "subSport",
  "totalElapsedTime",
  "totalTimerTime",
  "totalDistance",
  "avgSpeed",
  "enhancedAvgSpeed",
  "avgHeartRate",
  "avgCadence",
  "avgFractionalCadence",
];

// A session is read for everything in the Activity summary. Laps are most of the messages in a file: reading only
// the 12 fields above, not all 20, cut the garbage of parsing the 300-run history from 32 to 24 MB.
const SUMMARY = [
  ...LAP,
  "maxSpeed",
  "enhancedMaxSpeed",
  "maxHeartRate",
  "totalAscent",
  "avgStepLength",
  "avgVerticalOscillation",
  "avgVerticalRatio",
  "avgStanceTime",
];

/** The fields read from each message decoded into an object; `null` means every field of the message. */
const OBJECT_FIELDS: ReadonlyMap<number, readonly string[] | null> = new Map([
  [MESG.fileId, ["type", "manufacturer", "product", "serialNumber", "timeCreated"]],
  [MESG.deviceInfo, ["timestamp", "deviceIndex", "manufacturer", "product", "serialNumber"]],
  [MESG.activity, ["timestamp", "localTimestamp"]],
  [MESG.session, SUMMARY],
  [MESG.lap, LAP],
  [MESG.sport, ["sport", "subSport"]],
  [MESG.hr, null],
  [MESG.developerDataId, ["developerDataIndex", "manufacturerId", "applicationVersion"]],
  [
    MESG.fieldDescription,
    [
      "developerDataIndex",
      "fieldDefinitionNumber",
      "fitBaseTypeId",
      "fieldName",
      "units",
      "nativeMesgNum",
      "nativeFieldNum",
    ],
  ],
]);

export function profileMesg(num: number): ProfileMesg | undefined {
  return Profile.messages[num];
}

export function profileField(mesgNum: number, fieldNum: number): ProfileField | undefined {
  return Profile.messages[mesgNum]?.fields[fieldNum];
}

/** A field's own scale or offset: a one-element array counts as that element (as the SDK reads it). */
export function scalar(v: number | number[], fallback: number): number {
  return Array.isArray(v) ? (v.length === 1 ? (v[0] ?? fallback) : Number.NaN) : v;
}

/** The field numbers of a message to read, closed over what they depend on (sub-field keys, component sources). */
function closeOver(mesg: ProfileMesg, names: readonly string[] | null): Set<number> {
  const fields = Object.values(mesg.fields);
  if (names === null) return new Set(fields.map((f) => f.num));
  const want = new Set(names);
  const add = (name: string): boolean => !want.has(name) && want.add(name).size > 0;
  for (let changed = true; changed;) {
    changed = false;
    for (const f of fields) {
      if (want.has(f.name)) {
        for (const sub of f.subFields) for (const m of sub.map) changed = add(m.name) || changed;
        continue;
      }
      // A field whose components land on a wanted field must be read: its expansion decides that value.
      const feeds = f.components.some((c) => want.has(mesg.fields[Number(c)]?.name ?? ""));
      if (feeds) changed = add(f.name) || changed;
    }
  }
  return new Set(fields.filter((f) => want.has(f.name)).map((f) => f.num));
}

const objectFieldCache = new Map<number, Set<number> | null>();

/** Field numbers to read for a message decoded into an object, or null when Stridewise skips the message. */
export function objectFields(mesgNum: number): Set<number> | null {
  let set = objectFieldCache.get(mesgNum);
  if (set === undefined) {
    const mesg = Profile.messages[mesgNum];
    const names = OBJECT_FIELDS.get(mesgNum);
    set = mesg === undefined || names === undefined ? null : closeOver(mesg, names);
    objectFieldCache.set(mesgNum, set);
  }
  return set;
}

/** The named value of a profile type ("running" for sport 1), or the number when the profile has no name. */
export function typeName(type: string, value: number): string | number {
  return Profile.types[type]?.[value] ?? value;
}

export type { ProfileField, ProfileSubField };
