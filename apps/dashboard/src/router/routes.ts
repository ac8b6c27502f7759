export type Route =
  | { page: 'jobs' }
  | { page: 'job'; id: string }
  | { page: 'sweeps' }
  | { page: 'sweep'; id: string }
  | { page: 'teams' }
  | { page: 'team'; id: string }
  | { page: 'not-found'; path: string };

/** Path below /ui → page. The jobs list is the home page. */
export function matchRoute(path: string): Route {
  const parts = path
    .split('/')
    .filter((p) => p !== '')
    .map(decodeURIComponent);
  if (parts.length === 0) return { page: 'jobs' };
  if (parts[0] === 'jobs' && parts.length === 1) return { page: 'jobs' };
  if (parts[0] === 'jobs' && parts.length === 2) return { page: 'job', id: parts[1]! };
  if (parts[0] === 'sweeps' && parts.length === 1) return { page: 'sweeps' };
  if (parts[0] === 'sweeps' && parts.length === 2) return { page: 'sweep', id: parts[1]! };
  if (parts[0] === 'teams' && parts.length === 1) return { page: 'teams' };
  if (parts[0] === 'teams' && parts.length === 2) return { page: 'team', id: parts[1]! };
  return { page: 'not-found', path };
}

export const jobHref = (id: string) => `/ui/jobs/${encodeURIComponent(id)}`;
export const sweepHref = (id: string) => `/ui/sweeps/${encodeURIComponent(id)}`;
export const teamHref = (id: string) => `/ui/teams/${encodeURIComponent(id)}`;
