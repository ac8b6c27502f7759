import { useEffect, useState } from 'preact/hooks';

/** Where the api mounts the dashboard; every page URL starts with it. */
const BASE_PATH = '/ui';

export interface PageLocation {
  /** Path below BASE_PATH, always starting with '/': '/jobs/123'. */
  path: string;
  /** The query string with its '?', or ''. */
  search: string;
}

const listeners = new Set<() => void>();
let navigatedInPage = false;

/** History API navigation: real URLs the api's SPA fallback serves, so reloads and links work. */
export function navigate(to: string, options: { replace?: boolean } = {}): void {
  const url = to.startsWith(BASE_PATH) ? to : `${BASE_PATH}${to}`;
  if (url === window.location.pathname + window.location.search) return;
  if (options.replace) window.history.replaceState(null, '', url);
  else window.history.pushState(null, '', url);
  navigatedInPage = true;
  notify();
}

/** True once the user moved within the app; the first page load keeps the browser's own focus. */
export function hasNavigated(): boolean {
  return navigatedInPage;
}

function currentLocation(): PageLocation {
  const { pathname, search } = window.location;
  const below = pathname.startsWith(BASE_PATH) ? pathname.slice(BASE_PATH.length) : pathname;
  return { path: below === '' ? '/' : below, search };
}

export function useLocation(): PageLocation {
  const [location, setLocation] = useState(currentLocation);
  useEffect(() => {
    const update = () => setLocation(currentLocation());
    listeners.add(update);
    const onPop = () => {
      navigatedInPage = true;
      notify();
    };
    window.addEventListener('popstate', onPop);
    return () => {
      listeners.delete(update);
      window.removeEventListener('popstate', onPop);
    };
  }, []);
  return location;
}

function notify(): void {
  for (const listener of listeners) listener();
}
