// A small history router for the staff console, which lives under /staff/. The server answers
// every /staff/... address with the same shell, so a deep link or a reload lands on the right
// screen. createRouter takes the base path: the citizen app's web/src/app/router.ts is the same
// idea for "/app", and both could share this one from web/src/shared/ (it is kept here so that
// the citizen app's first load does not carry a second router meanwhile).
import { useEffect, useState } from 'preact/hooks';

export interface Location {
  path: string; // without the base: "/", "/reports/6"
  query: URLSearchParams;
  state: unknown;
}

export interface Router {
  base: string;
  navigate(to: string, options?: { replace?: boolean; state?: unknown }): void;
  useLocation(): Location;
  interceptLinks(root: HTMLElement): void;
}

export function createRouter(base: string): Router {
  const listeners = new Set<() => void>();
  window.addEventListener('popstate', () => listeners.forEach((l) => l()));

  function current(): Location {
    const { pathname, search } = window.location;
    const path = pathname === base || pathname.startsWith(base + '/') ? pathname.slice(base.length) || '/' : '/';
    return { path, query: new URLSearchParams(search), state: history.state };
  }

  // Goes to an address inside the entry ("/reports/6?x=1"), adding a history entry unless `replace`.
  function navigate(to: string, options: { replace?: boolean; state?: unknown } = {}): void {
    const url = base + (to.startsWith('/') ? to : '/' + to);
    if (options.replace) history.replaceState(options.state ?? null, '', url);
    else history.pushState(options.state ?? null, '', url);
    listeners.forEach((l) => l());
  }

  function useLocation(): Location {
    const [location, setLocation] = useState<Location>(current);
    useEffect(() => {
      const update = () => setLocation(current());
      listeners.add(update);
      return () => listeners.delete(update);
    }, []);
    return location;
  }

  // Follows clicks on links inside the entry without reloading the page. Other links (the API,
  // the other entry, other sites) and modified clicks (new tab) go to the browser.
  function interceptLinks(root: HTMLElement): void {
    root.addEventListener('click', (event) => {
      if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
      const anchor = (event.target as Element | null)?.closest?.('a');
      if (!anchor || anchor.target || anchor.hasAttribute('download')) return;
      const url = new URL(anchor.href, window.location.href);
      if (url.origin !== window.location.origin) return;
      if (url.pathname !== base && !url.pathname.startsWith(base + '/')) return;
      event.preventDefault();
      navigate(url.pathname.slice(base.length) + url.search);
    });
  }

  return { base, navigate, useLocation, interceptLinks };
}

// "/reports/6" against "/reports/:id" gives { id: "6" }; null when it does not match.
export function match(pattern: string, path: string): Record<string, string> | null {
  const want = pattern.split('/').filter(Boolean);
  const have = path.split('/').filter(Boolean);
  if (want.length !== have.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    const w = want[i] ?? '';
    const h = have[i] ?? '';
    if (w.startsWith(':')) params[w.slice(1)] = decodeURIComponent(h);
    else if (w !== h) return null;
  }
  return params;
}

export const { navigate, useLocation, interceptLinks } = createRouter('/staff');
