import type { ApiError } from '../api/api-error';

export interface ApiDownBannerProps {
  error: ApiError;
  onRetry: () => void;
  /** Whether older data is still on the page. */
  showingOldData: boolean;
}

/** The API did not answer or answered 5xx: say so plainly, keep what was shown, offer a retry. */
export function ApiDownBanner({ error, onRetry, showingOldData }: ApiDownBannerProps) {
  return (
    <div class="banner banner-down" role="alert">
      <p>
        <strong>{error.status === null ? 'The jobgate API is not answering' : 'The jobgate API is failing'}</strong> ({error.message}).{' '}
        {showingOldData ? 'The data below may be out of date. ' : ''}Retrying every 2 s.
      </p>
      <button type="button" onClick={onRetry}>
        Retry now
      </button>
    </div>
  );
}
