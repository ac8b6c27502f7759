import { useMemo, useState } from 'preact/hooks';
import { ApiClient } from './api/api-client';
import { ApiContext } from './api/api-context';
import { AppHeader } from './components/app-header';
import { JobPage } from './pages/job-page';
import { JobsPage } from './pages/jobs-page';
import { NotFoundPage } from './pages/not-found-page';
import { SignInPage } from './pages/sign-in-page';
import { SweepPage } from './pages/sweep-page';
import { SweepsPage } from './pages/sweeps-page';
import { useLocation } from './router/history';
import { matchRoute, type Route } from './router/routes';
import { clearApiKey, loadApiKey, saveApiKey } from './session/api-key-store';

const KEY_REFUSED = 'The API refused the saved key (401 Unauthorized): it may have been rotated. Sign in with a valid key.';

/**
 * Signed out: the sign-in page, whatever the URL (which is kept, so signing in lands where the user
 * was going). Signed in: the page for the URL. Any 401 signs the user out with a message.
 */
export function App() {
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

function Shell({ onSignOut }: { onSignOut: () => void }) {
  const location = useLocation();
  const route = matchRoute(location.path);
  return (
    <>
      <AppHeader section={sectionOf(route)} onSignOut={onSignOut} />
      <main id="main" tabIndex={-1}>
        <RoutePage route={route} search={location.search} />
      </main>
    </>
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
    case 'not-found':
      return <NotFoundPage path={route.path} />;
  }
}

function sectionOf(route: Route): 'jobs' | 'sweeps' | null {
  if (route.page === 'jobs' || route.page === 'job') return 'jobs';
  if (route.page === 'sweeps' || route.page === 'sweep') return 'sweeps';
  return null;
}
