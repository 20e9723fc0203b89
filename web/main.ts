import { api, settingsInFlight } from "./api.ts";
import { destroyCharts, followTheme } from "./charts/setup.ts";
import { errorBox, pageHeader } from "./components.ts";
import { h, replace } from "./dom.ts";
import { currentSection, matchRoute, type Route } from "./router.ts";
import { cadencePage } from "./pages/cadence.ts";
import { importPage } from "./pages/import.ts";
import { insightsPage } from "./pages/insights.ts";
import { loadPage } from "./pages/load.ts";
import { overviewPage } from "./pages/overview.ts";
import { painPage } from "./pages/pain.ts";
import { runPage } from "./pages/run.ts";
import { runsPage } from "./pages/runs.ts";
import { settingsPage } from "./pages/settings.ts";
import { allExercisesPage, tipsPage } from "./pages/tips.ts";
import { calendarPage } from "./pages/calendar.ts";
import { recordsPage } from "./pages/records.ts";
import { shoesPage } from "./pages/shoes.ts";
import { demoBanner } from "./demo-banner.ts";

const routes: Route[] = [
  { pattern: "/", title: "Overview", page: overviewPage },
  { pattern: "/import", title: "Import", page: importPage },
  { pattern: "/runs", title: "Runs", page: runsPage },
  { pattern: "/runs/:id", title: "Run", page: runPage },
  { pattern: "/cadence", title: "Cadence", page: cadencePage },
  { pattern: "/load", title: "Load", page: loadPage },
  { pattern: "/pain", title: "Hip pain", page: painPage },
  { pattern: "/insights", title: "Insights", page: insightsPage },
  { pattern: "/tips", title: "Tips", page: tipsPage },
  { pattern: "/tips/all", title: "Every exercise", page: allExercisesPage },
  { pattern: "/settings", title: "Settings", page: settingsPage },
  { pattern: "/calendar", title: "Calendar", page: calendarPage },
  { pattern: "/records", title: "Personal records", page: recordsPage },
  { pattern: "/shoes", title: "Shoes", page: shoesPage },
];

const app = document.querySelector<HTMLElement>("#app");
const nav = document.querySelector<HTMLElement>("#nav");
const menuButton = document.querySelector<HTMLButtonElement>(".menu-button");
let firstRender = true;

function setMenu(open: boolean): void {
  menuButton?.setAttribute("aria-expanded", String(open));
  nav?.classList.toggle("open", open);
}

function highlightNav(): void {
  const section = currentSection();
  for (const link of nav?.querySelectorAll<HTMLAnchorElement>("a[data-section]") ?? []) {
    if (link.dataset.section === section) link.setAttribute("aria-current", "page");
    else link.removeAttribute("aria-current");
  }
}

/** The settings for this render, applied when they come; never rejects. */
function loadSettings(): Promise<unknown> {
  // Settings are optional for drawing: on an error fall back to km and let the page show the real error.
  return api.settings().catch(() => undefined);
}

async function render(): Promise<void> {
  if (!app) return;
  // Asked on every render, beside the page's own requests (never before them). The first render's answers wait for
  // them, as no units are known yet; later renders draw with the last units and today while these refresh them.
  settingsInFlight(loadSettings(), firstRender);
  destroyCharts();
  setMenu(false);
  highlightNav();
  const match = matchRoute(routes, location.hash);
  const view = h("div", { class: "view" });
  replace(app, view);
  if (!match) {
    document.title = "Not found · Stridewise";
    replace(view, pageHeader("Page not found"), h("p", {}, h("a", { href: "#/" }, "Go to the overview")));
    return;
  }
  document.title = `${match.route.title} · Stridewise`;
  const focusFirst = !firstRender;
  firstRender = false;
  window.scrollTo(0, 0);
  try {
    await match.route.page(view, match.ctx);
  } catch (err) {
    if (view.isConnected) {
      replace(
        view,
        pageHeader(match.route.title),
        errorBox(err),
        h("p", {}, h("a", { href: "#/" }, "Back to the overview")),
      );
    }
  }
  if (focusFirst && view.isConnected) view.querySelector<HTMLElement>("h1")?.focus({ preventScroll: true });
  const banner = await demoBanner();
  if (banner && view.isConnected) view.prepend(banner);
}

async function boot(): Promise<void> {
  menuButton?.addEventListener("click", () => setMenu(menuButton.getAttribute("aria-expanded") !== "true"));
  window.addEventListener("hashchange", () => void render());
  followTheme(() => void render());
  // A printout has no clicks: show every "why".
  window.addEventListener("beforeprint", () => {
    for (const d of document.querySelectorAll("details")) d.open = true;
  });
  await render();
}

void boot();
