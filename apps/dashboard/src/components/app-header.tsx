import { Link } from '../router/link';

/**
 * Brand, the two sections, sign-out (or, on a server without authentication, a note saying so).
 * `section` marks the current one with aria-current.
 */
export function AppHeader({ section, onSignOut }: { section: 'jobs' | 'sweeps' | null; onSignOut: (() => void) | null }) {
  return (
    <header class="app-header">
      <a class="skip-link" href="#main">Skip to content</a>
      <Link href="/ui/jobs" class="brand">jobgate</Link>
      <nav aria-label="Main">
        <Link href="/ui/jobs" aria-current={section === 'jobs' ? 'page' : undefined}>Jobs</Link>
        <Link href="/ui/sweeps" aria-current={section === 'sweeps' ? 'page' : undefined}>Sweeps</Link>
      </nav>
      {onSignOut
        ? <button type="button" class="sign-out" onClick={onSignOut}>Sign out</button>
        : <span class="sign-out muted small" title="The server runs without API keys (npm start against the built-in simulator)">Authentication off</span>}
    </header>
  );
}
