import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { gzipSync } from "node:zlib";
import { z } from "zod";

/** An activity as the stand-in lists it, with its original file. */
export interface StandInActivity {
  id: string;
  startDateLocal: string;
  type?: string;
  /** The FIT bytes; served gzipped when `gzip` is set, as intervals.icu usually does. */
  fit: Uint8Array;
  gzip?: boolean;
  /** A Strava-sourced stub: listed without a file, as the real API does. */
  strava?: boolean;
}

/** A one-off answer to the next matching request instead of the normal one. */
export type Fault =
  { status: 429; retryAfter?: string } | { status: 500 | 503 } | { truncate: "content-length" | "body" };

/**
 * A local stand-in for the intervals.icu API as documented: HTTP Basic with user API_KEY, activities listed by
 * local date (oldest/newest inclusive), originals at /activity/{id}/file, events POSTed to the calendar.
 */
export class IntervalsStandIn {
  readonly activities = new Map<string, StandInActivity>();
  readonly events: Record<string, unknown>[] = [];
  readonly requests: string[] = [];
  readonly faults: { route: "list" | "file" | "any"; fault: Fault }[] = [];
  apiKey: string;
  private server: Server | null = null;

  constructor(
    readonly athleteId: string,
    apiKey: string,
  ) {
    this.apiKey = apiKey;
  }

  add(...list: StandInActivity[]): void {
    for (const a of list) this.activities.set(a.id, a);
  }

  /** The runner revoked the key on intervals.icu: every request is now refused. */
  revoke(): void {
    this.apiKey = `revoked-${this.apiKey}`;
  }

  fileRequests(): number {
    return this.requests.filter((r) => r.includes("/file")).length;
  }

  async start(): Promise<string> {
    this.server = createServer((req, res) => this.handle(req, res));
    await new Promise<void>((ok) => this.server?.listen(0, "127.0.0.1", ok));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    const server = this.server;
    // Never started (its suite failed to start): nothing to close, and a close callback that never comes.
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((ok) => server.close(() => ok()));
  }

  private takeFault(route: "list" | "file"): Fault | null {
    const i = this.faults.findIndex((f) => f.route === route || f.route === "any");
    return i < 0 ? null : (this.faults.splice(i, 1)[0]?.fault ?? null);
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const url = new URL(req.url ?? "/", "http://stand-in");
    this.requests.push(`${req.method} ${url.pathname}${url.search}`);
    const expected = `Basic ${Buffer.from(`API_KEY:${this.apiKey}`).toString("base64")}`;
    if (req.headers.authorization !== expected) {
      res.writeHead(401, { "Content-Type": "application/json" }).end('{"status":401,"error":"Unauthorized"}');
      return;
    }
    const list = url.pathname.match(/^\/api\/v1\/athlete\/([^/]+)\/activities$/);
    const file = url.pathname.match(/^\/api\/v1\/activity\/([^/]+)\/file$/);
    const events = url.pathname.match(/^\/api\/v1\/athlete\/([^/]+)\/events$/);
    const route = list ? "list" : file ? "file" : null;
    const fault = route ? this.takeFault(route) : null;
    if (fault && "status" in fault) {
      const headers: Record<string, string> = {};
      if (fault.status === 429 && fault.retryAfter !== undefined) headers["Retry-After"] = fault.retryAfter;
      res.writeHead(fault.status, headers).end();
      return;
    }
    if (list && req.method === "GET" && list[1] === this.athleteId) {
      const oldest = url.searchParams.get("oldest");
      const newest = url.searchParams.get("newest");
      if (!oldest || !newest) {
        res.writeHead(400).end('{"error":"oldest and newest are required"}');
        return;
      }
      const found = [...this.activities.values()]
        .filter((a) => a.startDateLocal.slice(0, 10) >= oldest && a.startDateLocal.slice(0, 10) <= newest)
        .sort((a, b) => b.startDateLocal.localeCompare(a.startDateLocal))
        .map((a) =>
          a.strava
            ? { id: a.id, source: "STRAVA", _note: "STRAVA activities are not available via the API" }
            : {
                id: a.id,
                start_date_local: a.startDateLocal,
                type: a.type ?? "Run",
                file_type: "fit",
                source: "GARMIN_CONNECT",
              },
        );
      res.writeHead(200, { "Content-Type": "application/json" }).end(JSON.stringify(found));
      return;
    }
    const activity = file ? this.activities.get(decodeURIComponent(file[1] as string)) : undefined;
    if (file && req.method === "GET" && activity && !activity.strava) {
      const body = activity.gzip ? gzipSync(activity.fit) : Buffer.from(activity.fit);
      if (fault && "truncate" in fault) {
        const half = body.subarray(0, Math.floor(body.length / 2));
        if (fault.truncate === "content-length") {
          // Promises the whole file, sends half and hangs up: the client sees the body end early.
          res.writeHead(200, { "Content-Type": "application/octet-stream", "Content-Length": body.length });
          res.write(half, () => res.destroy());
        } else {
          res.writeHead(200, { "Content-Type": "application/octet-stream" }).end(half);
        }
        return;
      }
      res
        .writeHead(200, { "Content-Type": "application/octet-stream", "Content-Length": body.length })
        .end(body);
      return;
    }
    if (events && req.method === "POST" && events[1] === this.athleteId) {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        const event = z
          .record(z.string(), z.unknown())
          .parse(JSON.parse(Buffer.concat(chunks).toString("utf8")));
        this.events.push(event);
        res
          .writeHead(200, { "Content-Type": "application/json" })
          .end(JSON.stringify({ id: 9000 + this.events.length, ...event }));
      });
      return;
    }
    res.writeHead(404, { "Content-Type": "application/json" }).end('{"error":"Not found"}');
  }
}
