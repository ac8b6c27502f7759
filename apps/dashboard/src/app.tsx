import { useEffect, useMemo, useState } from 'preact/hooks';
import { ApiClient } from './api/api-client';
import { ApiContext, useApi } from './api/api-context';
import { loadIdentity } from './api/identity';
import { IdentityContext } from './api/identity-context';
import { loadUiConfig, type UiConfig } from './api/ui-config';
import { UiConfigContext } from './api/ui-config-context';
import { AppHeader, type Section } from './components/app-header';
import { JobPage } from './pages/job-page';
import { JobsPage } from './pages/jobs-page';
import { NotFoundPage } from './pages/not-found-page';
import { SignInPage } from './pages/sign-in-page';
import { SweepPage } from './pages/sweep-page';
import { SweepsPage } from './pages/sweeps-page';
import { TeamPage } from './pages/team-page';
import { TeamsPage } from './pages/teams-page';
import { usePolling } from './hooks/use-polling';
import { useLocation } from './router/history';
import { matchRoute, type Route } from './router/routes';
import { clearApiKey, loadApiKey, saveApiKey } from './session/api-key-store';

const KEY_REFUSED = 'The API refused the saved key (401 Unauthorized): it may have been rotated. Sign in with a valid key.';

/**
 * First asks the server whether it needs a key at all (`/ui/config.json`): without authentication
 * (`npm start` against the built-in simulator) there is no sign-in. Otherwise: signed out, the
 * sign-in page, whatever the URL (which is kept, so signing in lands where the user was going);
 * signed in, the page for the URL. Any 401 signs the user out with a message.
 */
export function App() {
  const [uiConfig, setUiConfig] = useState<UiConfig | null>(null);
  useEffect(() => void loadUiConfig().then(setUiConfig), []);
  if (!uiConfig)
    return (
      <main id="main" aria-busy="true">
        <p class="muted">Loading…</p>
      </main>
    );
  return <UiConfigContext.Provider value={uiConfig}>{uiConfig.authRequired ? <SignedInApp /> : <OpenApp />}</UiConfigContext.Provider>;
}

/** The server runs without authentication: no key, no sign-out. */
function OpenApp() {
  const client = useMemo(() => new ApiClient({ apiKey: null }), []);
  return (
    <ApiContext.Provider value={client}>
      <Shell onSignOut={null} />
    </ApiContext.Provider>
  );
}

function SignedInApp() {
  const [apiKey, setApiKey] = useState(loadApiKey);
  const [notice, setNotice] = useState<string | null>(null);
  const client = useMemo(() => {
    if (!apiKey) return null;
    return new ApiClient({
      apiKey,
      onUnauthorized: () => {
        clearApiKey();
        setNotice(KEY_REFUSED);
        setApiKey(null);
      },
    });
  }, [apiKey]);

  if (!client) {
    const signIn = (key: string) => {
      saveApiKey(key);
      setNotice(null);
      setApiKey(key);
    };
    return <SignInPage notice={notice} onSignedIn={signIn} />;
  }
  const signOut = () => {
    clearApiKey();
    setNotice('Signed out.');
    setApiKey(null);
  };
  return (
    <ApiContext.Provider value={client}>
      <Shell onSignOut={signOut} />
    </ApiContext.Provider>
  );
}

/** Asks once who the key speaks for (retrying while the API is down), for the header and the Teams page. */
function Shell({ onSignOut }: { onSignOut: (() => void) | null }) {
  const client = useApi();
  const identity = usePolling((signal) => loadIdentity(client, signal), { key: 'identity', keepPolling: () => false }).data ?? null;
  const location = useLocation();
  const route = matchRoute(location.path);
  return (
    <IdentityContext.Provider value={identity}>
      <AppHeader section={sectionOf(route)} identity={identity} onSignOut={onSignOut} />
      <main id="main" tabIndex={-1}>
        <RoutePage route={route} search={location.search} />
      </main>
    </IdentityContext.Provider>
  );
}

function RoutePage({ route, search }: { route: Route; search: string }) {
  // Keys make a different job or sweep a fresh page (focus, confirmations), never a reused one.
  switch (route.page) {
    case 'jobs':
      return <JobsPage search={search} />;
    case 'job':
      return <JobPage key={route.id} id={route.id} />;
    case 'sweeps':
      return <SweepsPage search={search} />;
    case 'sweep':
      return <SweepPage key={route.id} id={route.id} search={search} />;
    case 'teams':
      return <TeamsPage />;
    case 'team':
      return <TeamPage key={route.id} id={route.id} />;
    case 'not-found':
      return <NotFoundPage path={route.path} />;
  }
}

function sectionOf(route: Route): Section | null {
  if (route.page === 'jobs' || route.page === 'job') return 'jobs';
  if (route.page === 'sweeps' || route.page === 'sweep') return 'sweeps';
  if (route.page === 'teams' || route.page === 'team') return 'teams';
  return null;
}
