// Hash routes (#/runs/12): the server only has to serve index.html, and back/forward just work.

export interface RouteContext {
  /** Path parameters, e.g. { id: "12" } for #/runs/:id. */
  params: Record<string, string>;
  /** Query parameters after "?" in the hash. */
  query: URLSearchParams;
}

export type Page = (root: HTMLElement, ctx: RouteContext) => Promise<void> | void;

export interface Route {
  pattern: string;
  title: string;
  page: Page;
}

interface Match {
  route: Route;
  ctx: RouteContext;
}

/** Matches a hash like "#/runs/12?x=1" against the routes; the first matching pattern wins. */
export function matchRoute(routes: readonly Route[], hash: string): Match | null {
  const raw = hash.replace(/^#/, "") || "/";
  const [path = "/", search = ""] = raw.split("?", 2);
  const parts = path.split("/").filter(Boolean);
  for (const route of routes) {
    const pattern = route.pattern.split("/").filter(Boolean);
    if (pattern.length !== parts.length) continue;
    const params: Record<string, string> = {};
    const ok = pattern.every((seg, i) => {
      const part = parts[i] ?? "";
      if (seg.startsWith(":")) {
        params[seg.slice(1)] = decodeURIComponent(part);
        return true;
      }
      return seg === part;
    });
    if (ok) return { route, ctx: { params, query: new URLSearchParams(search) } };
  }
  return null;
}

/** Navigates to a hash route. */
export function navigate(hash: string): void {
  if (location.hash === hash) window.dispatchEvent(new HashChangeEvent("hashchange"));
  else location.hash = hash;
}

/** The first path segment of the current hash ("runs" for #/runs/12), for highlighting the nav. */
export function currentSection(): string {
  return location.hash.replace(/^#\/?/, "").split(/[/?]/)[0] ?? "";
}
