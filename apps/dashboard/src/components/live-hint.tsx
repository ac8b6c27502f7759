/**
 * Says whether the page refreshes itself, and if not why (`idle`, e.g. "the job has ended"). Deliberately not a live region: announcing every 2 s
 * refresh would drown a screen reader.
 */
export function LiveHint({ live, busy, idle }: { live: boolean; busy: boolean; idle: string }) {
  return (
    <p class="live-hint" data-live={live ? 'true' : 'false'}>
      <span class={`live-dot${live ? ' on' : ''}${busy ? ' busy' : ''}`} aria-hidden="true" />
      {live ? 'Live: refreshes every 2 s' : `Not refreshing: ${idle}`}
    </p>
  );
}
