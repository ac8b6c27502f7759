import type { Identity } from '../api/identity';
import { Link } from '../router/link';

export type Section = 'jobs' | 'sweeps' | 'teams';

export interface AppHeaderProps {
  /** The current section, marked with aria-current. */
  section: Section | null;
  /** Who the key speaks for; null while unknown. Operators get Teams, a team key its team's name. */
  identity: Identity | null;
  onSignOut: (() => void) | null;
}

/** Brand, the sections, whose view this is, sign-out (or, on a server without authentication, a note saying so). */
export function AppHeader({ section, identity, onSignOut }: AppHeaderProps) {
  const current = (s: Section) => (section === s ? 'page' : undefined);
  return (
    <header class="app-header">
      <a class="skip-link" href="#main">
        Skip to content
      </a>
      <Link href="/ui/jobs" class="brand">
        jobgate
      </Link>
      <nav aria-label="Main">
        <Link href="/ui/jobs" aria-current={current('jobs')}>
          Jobs
        </Link>
        <Link href="/ui/sweeps" aria-current={current('sweeps')}>
          Sweeps
        </Link>
        {identity?.kind === 'operator' && (
          <Link href="/ui/teams" aria-current={current('teams')}>
            Teams
          </Link>
        )}
      </nav>
      <div class="header-end">
        {identity?.kind === 'team' && (
          <span class="team-name" title="This key belongs to a team: the dashboard shows that team's jobs and sweeps only">
            Team <strong>{identity.team.name}</strong>
          </span>
        )}
        {onSignOut ? (
          <button type="button" class="sign-out" onClick={onSignOut}>
            Sign out
          </button>
        ) : (
          <span class="sign-out muted small" title="The server runs without API keys (npm start against the built-in simulator)">
            Authentication off
          </span>
        )}
      </div>
    </header>
  );
}
