// Hash routing ("#/chat"): works behind any static file server, with or without a SPA
// fallback, and keeps the path out of server logs.
import { useEffect, useState } from "preact/hooks";

export type Route =
  | "signup"
  | "login"
  | "chat"
  | "help"
  | "assess"
  | "assess-take"
  | "assess-history"
  | "home"
  | "notfound";

/** Routes that have a fixed hash (taking an instrument also needs its id: TakeHash). */
export type NavRoute = Exclude<Route, "notfound" | "home" | "assess-take">;

/** Maps a location hash to a route ("" and "#/" are "home"). */
export function RouteFromHash(hash: string): Route {
  const path = hash.replace(/^#/, "").replace(/\/+$/, "").split("?")[0];
  switch (path) {
    case "":
    case "/":
      return "home";
    case "/signup":
      return "signup";
    case "/login":
      return "login";
    case "/chat":
      return "chat";
    case "/help":
      return "help";
    case "/checkins":
      return "assess";
    case "/checkins/history":
      return "assess-history";
    default:
      return InstrumentFromHash(hash) ? "assess-take" : "notfound";
  }
}

/** The instrument id of "#/checkins/<id>" ("phq9"), else null. */
export function InstrumentFromHash(hash: string): string | null {
  const path = hash.replace(/^#/, "").replace(/\/+$/, "").split("?")[0];
  const m = /^\/checkins\/([a-z0-9_]{1,40})$/.exec(path);
  return m && m[1] !== "history" ? m[1] : null;
}

/** The hash for a route, for links and navigation. */
export function HashFor(route: NavRoute): string {
  if (route === "assess") return "#/checkins";
  if (route === "assess-history") return "#/checkins/history";
  return "#/" + route;
}

/** The hash of the page that takes instrument `id`. */
export function TakeHash(id: string): string {
  return "#/checkins/" + encodeURIComponent(id);
}

/** Navigates to a route (adds a history entry, fires hashchange). */
export function Navigate(route: NavRoute, replace = false): void {
  const hash = HashFor(route);
  if (replace) {
    history.replaceState(null, "", hash);
    window.dispatchEvent(new HashChangeEvent("hashchange"));
  } else if (location.hash !== hash) {
    location.hash = hash;
  } else {
    window.dispatchEvent(new HashChangeEvent("hashchange"));
  }
}

/** The ?instrument= of a hash such as "#/checkins/history?instrument=phq9", else null. */
export function QueryInstrument(hash: string): string | null {
  const q = hash.split("?")[1];
  const v = q ? new URLSearchParams(q).get("instrument") : null;
  return v && /^[a-z0-9_]{1,40}$/.test(v) ? v : null;
}

/** The history page, showing instrument `id` when given. */
export function HistoryHash(id?: string): string {
  return HashFor("assess-history") + (id ? `?instrument=${encodeURIComponent(id)}` : "");
}

/** Current route and hash; re-renders on hashchange. `seq` increases on every navigation. */
export function useRoute(): { route: Route; seq: number; hash: string } {
  const [state, setState] = useState({ route: RouteFromHash(location.hash), seq: 0, hash: location.hash });
  useEffect(() => {
    const onChange = () =>
      setState((s) => ({ route: RouteFromHash(location.hash), seq: s.seq + 1, hash: location.hash }));
    window.addEventListener("hashchange", onChange);
    return () => window.removeEventListener("hashchange", onChange);
  }, []);
  return state;
}
