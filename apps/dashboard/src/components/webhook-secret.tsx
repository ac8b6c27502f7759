import { useState } from 'preact/hooks';

/** A team's signing secret, hidden until asked for: dashboards get screen-shared. */
export function WebhookSecret({ secret }: { secret: string }) {
  const [shown, setShown] = useState(false);
  return (
    <span class="secret">
      <code class="wrap" data-secret-shown={shown ? 'true' : 'false'}>
        {shown ? secret : `${secret.slice(0, 6)}${'•'.repeat(12)}`}
      </code>{' '}
      <button type="button" class="small-button" aria-pressed={shown} onClick={() => setShown((s) => !s)}>
        {shown ? 'Hide' : 'Show'}
      </button>
    </span>
  );
}
