/**
 * A small router on the history API: the app has a dozen fixed paths, so a dependency would
 * cost more than it gives.
 *
 * Notes
 * - `navigate` pushes a history entry and notifies subscribers; back/forward arrive as popstate.
 * - After an in-app navigation the new page's h1 takes focus (see PageHeading) and the window
 *   scrolls to the top, so screen-reader and keyboard users start at the top of the new page.
 *   The first load does not move focus, as on any ordinary web page.
 */
import {
  createContext,
  useContext,
  useSyncExternalStore,
  type AnchorHTMLAttributes,
  type MouseEvent,
  type ReactNode,
} from 'react';

export interface RouteLocation {
  path: string;
  search: URLSearchParams;
}

type Listener = () => void;
const listeners = new Set<Listener>();
let navigations = 0;

function notify(): void {
  for (const l of listeners) l();
}

function subscribe(listener: Listener): () => void {
  listeners.add(listener);
  const onPop = () => {
    navigations += 1;
    listener();
  };
  window.addEventListener('popstate', onPop);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('popstate', onPop);
  };
}

const snapshot = () => window.location.pathname + window.location.search;

/** Goes to an in-app path (with optional query string). */
export function navigate(to: string, opts: { replace?: boolean } = {}): void {
  if (opts.replace) window.history.replaceState(null, '', to);
  else window.history.pushState(null, '', to);
  navigations += 1;
  window.scrollTo?.(0, 0);
  notify();
}

/** True once the resident has moved between pages (the first page load does not count). */
export function hasNavigated(): boolean {
  return navigations > 0;
}

const LocationContext = createContext<RouteLocation | null>(null);

function locationOf(href: string): RouteLocation {
  const url = new URL(href, 'http://app.invalid');
  return { path: url.pathname, search: url.searchParams };
}

export function RouterProvider({ children }: { children: ReactNode }) {
  const href = useSyncExternalStore(subscribe, snapshot, snapshot);
  return <LocationContext.Provider value={locationOf(href)}>{children}</LocationContext.Provider>;
}

/** A fixed location, for rendering a page on the server (src/app/ssr). */
export function StaticRouterProvider({ href, children }: { href: string; children: ReactNode }) {
  return <LocationContext.Provider value={locationOf(href)}>{children}</LocationContext.Provider>;
}

export function useLocation(): RouteLocation {
  const loc = useContext(LocationContext);
  if (!loc) throw new Error('useLocation outside RouterProvider');
  return loc;
}

/**
 * Matches `/report/question/:code` style patterns; returns the named parts or null.
 * Parameters are decoded; a trailing slash is ignored.
 */
export function matchPath(pattern: string, path: string): Record<string, string> | null {
  const want = pattern.split('/').filter(Boolean);
  const got = path.split('/').filter(Boolean);
  if (want.length !== got.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    const w = want[i]!;
    const g = got[i]!;
    if (w.startsWith(':')) {
      try {
        params[w.slice(1)] = decodeURIComponent(g);
      } catch {
        return null;
      }
    } else if (w !== g) return null;
  }
  return params;
}

type LinkProps = Omit<AnchorHTMLAttributes<HTMLAnchorElement>, 'href'> & { to: string };

/** An in-app link: a real <a href> (so it works with "open in new tab"), routed on plain clicks. */
export function Link({ to, onClick, ...rest }: LinkProps) {
  const handle = (e: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(e);
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) {
      return;
    }
    e.preventDefault();
    navigate(to);
  };
  return <a href={to} onClick={handle} {...rest} />;
}
