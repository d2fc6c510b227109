// Hash routing ("#/chat"): works behind any static file server, with or without a SPA
// fallback, and keeps the path out of server logs.
import { useEffect, useState } from "preact/hooks";

export type Route = "signup" | "login" | "chat" | "help" | "home" | "notfound";

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
    default:
      return "notfound";
  }
}

/** The hash for a route, for links and navigation. */
export function HashFor(route: Exclude<Route, "notfound" | "home">): string {
  return "#/" + route;
}

/** Navigates to a route (adds a history entry, fires hashchange). */
export function Navigate(route: Exclude<Route, "notfound" | "home">, replace = false): void {
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

/** Current route; re-renders on hashchange. `seq` increases on every navigation. */
export function useRoute(): { route: Route; seq: number } {
  const [state, setState] = useState({ route: RouteFromHash(location.hash), seq: 0 });
  useEffect(() => {
    const onChange = () => setState((s) => ({ route: RouteFromHash(location.hash), seq: s.seq + 1 }));
    window.addEventListener("hashchange", onChange);
    return () => window.removeEventListener("hashchange", onChange);
  }, []);
  return state;
}
