// The HTTP contract: zod schemas for every request and response, the types inferred from them. It imports
// nothing from the server but itself, and it is all the dashboard (web/) may import.
export * from "./activities.ts";
export * from "./analysis.ts";
export * from "./errors.ts";
export * from "./history.ts";
export * from "./import.ts";
export * from "./pain.ts";
export * from "./pain-range.ts";
export * from "./run-timeline.ts";
export * from "./session.ts";
export * from "./settings.ts";
export * from "./shoes.ts";
export * from "./sync.ts";
