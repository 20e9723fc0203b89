// The pain log's vocabulary is the API's (server/api/pain.ts): the analysis reads entries as the runner wrote them.
export {
  PAIN_LOCATIONS,
  PAIN_SIDES,
  PAIN_TIMINGS,
  RED_FLAGS,
  painEntryInputSchema,
  type PainEntry,
  type PainEntryInput,
  type PainLocation,
  type PainSide,
  type PainTiming,
  type RedFlag,
} from "../api/pain.ts";
