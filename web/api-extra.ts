import type {
  ActivityPage,
  CalendarView,
  DateFixInput,
  DateFixResult,
  DemoStatus,
  MapSettings,
  PersonalRecordView,
  RecordsSoFar,
  RouteView,
  RunEdit,
  ShoeContext,
  ShoeInput,
  ShoeView,
} from "../server/api/index.ts";

type Request = <T>(method: string, path: string, body?: unknown) => Promise<T>;

/** Filters for the runs list, as the API names them; empty values are left out of the query. */
export interface RunFilters {
  from?: string;
  to?: string;
  minDistanceM?: number;
  maxDistanceM?: number;
  q?: string;
  shoe?: string;
  flags?: string[];
  includeShort?: boolean;
}

function listQuery(page: number, pageSize: number, runsOnly: boolean, f: RunFilters): string {
  const q = new URLSearchParams({
    page: String(page),
    pageSize: String(pageSize),
    runsOnly: String(runsOnly),
  });
  for (const [key, value] of Object.entries(f)) {
    if (value === undefined || value === "" || value === false) continue;
    if (Array.isArray(value)) {
      if (value.length) q.set(key, value.join(","));
    } else q.set(key, String(value));
  }
  return q.toString();
}

/** The API of the runner features: search, edits, routes, shoes, records, calendar, demo and data. */
export const extraApi = (request: Request) => ({
  searchRuns: (page: number, pageSize: number, runsOnly: boolean, filters: RunFilters) =>
    request<ActivityPage>("GET", `/api/activities?${listQuery(page, pageSize, runsOnly, filters)}`),
  editRun: (id: number, edit: RunEdit) =>
    request<{ localDate: string }>("PATCH", `/api/activities/${id}`, edit),
  fixDate: (id: number, fix: DateFixInput) =>
    request<DateFixResult>("PUT", `/api/activities/${id}/date`, fix),
  route: (id: number) => request<RouteView>("GET", `/api/activities/${id}/route`),
  shoes: () => request<ShoeView[]>("GET", "/api/shoes"),
  addShoe: (shoe: ShoeInput) => request<ShoeView>("POST", "/api/shoes", shoe),
  updateShoe: (id: number, shoe: ShoeInput) => request<ShoeView>("PUT", `/api/shoes/${id}`, shoe),
  deleteShoe: (id: number) => request<void>("DELETE", `/api/shoes/${id}`),
  shoeContext: () => request<ShoeContext>("GET", "/api/insights/shoes"),
  records: () => request<PersonalRecordView[]>("GET", "/api/records"),
  recordsSoFar: () => request<RecordsSoFar>("GET", "/api/records/so-far"),
  calendar: (month?: string) =>
    request<CalendarView>("GET", `/api/calendar${month ? `?month=${encodeURIComponent(month)}` : ""}`),
  demoStatus: () => request<DemoStatus>("GET", "/api/demo"),
  removeDemo: () => request<{ removedFiles: number }>("DELETE", "/api/demo"),
  deleteAll: (confirm: string) => request<{ deleted: true }>("POST", "/api/data/delete-all", { confirm }),
  mapSettings: () => request<MapSettings>("GET", "/api/map"),
  saveMapSettings: (tileUrl: string | null, tileAttribution: string | null) =>
    request<MapSettings>("PUT", "/api/map", { tileUrl, tileAttribution }),
});
