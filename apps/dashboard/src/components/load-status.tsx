import type { ComponentChildren } from 'preact';
import type { Polled } from '../hooks/use-polling';
import { ApiDownBanner } from './api-down-banner';
import { ErrorState } from './error-state';

/**
 * Everything a polled page shows besides its data: the "API down" banner, a problem, or "Loading…"
 * the first time only (later refreshes keep the old content in place).
 */
export function LoadStatus<T>({ polled, notFound }: { polled: Polled<T>; notFound?: ComponentChildren }) {
  const { data, error, reload } = polled;
  if (error?.kind === 'down') return <ApiDownBanner error={error} onRetry={reload} showingOldData={data !== undefined} />;
  if (error?.kind === 'problem') return <ErrorState error={error}>{error.status === 404 ? notFound : null}</ErrorState>;
  if (data === undefined && !error)
    return (
      <p class="loading" role="status">
        Loading…
      </p>
    );
  return null;
}
