import type { TargetedSubmitEvent } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiClient } from '../api/api-client';
import { asApiError } from '../api/api-error';

export interface SignInPageProps {
  /** Why the user is here again (a refused key, a sign-out); shown above the form. */
  notice: string | null;
  onSignedIn: (apiKey: string) => void;
}

/** Asks for the API key once, checks it against the API, and hands it to the app. */
export function SignInPage({ notice, onSignedIn }: SignInPageProps) {
  const [apiKey, setApiKey] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => input.current?.focus(), []);

  const submit = async (event: TargetedSubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    const key = apiKey.trim();
    if (!key) return setError('Enter an API key.');
    setBusy(true);
    setError(null);
    try {
      // The cheapest authenticated call: proves the key before any page relies on it.
      await new ApiClient({ apiKey: key }).call((api) => api.GET('/v1/jobs', { params: { query: { limit: 1 } } }));
      onSignedIn(key);
    } catch (err) {
      setError(messageFor(err));
      setBusy(false);
      input.current?.focus();
    }
  };
  return (
    <main id="main" class="sign-in">
      <h1>jobgate</h1>
      <p>
        Enter an API key of this jobgate: an operator key (one of its <code>API_KEYS</code>) or a team key (<code>jg_…</code>). It is kept in this browser tab
        only and sent with every request.
      </p>
      {notice && (
        <p class="banner banner-warn" role="alert">
          {notice}
        </p>
      )}
      <form onSubmit={submit} aria-label="Sign in" noValidate>
        <label for="api-key">API key</label>
        <input
          id="api-key"
          ref={input}
          type="password"
          autoComplete="off"
          spellcheck={false}
          value={apiKey}
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={error ? 'api-key-error' : undefined}
          onInput={(e) => setApiKey(e.currentTarget.value)}
        />
        {error && (
          <p id="api-key-error" class="field-error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" class="primary" disabled={busy}>
          {busy ? 'Checking…' : 'Sign in'}
        </button>
      </form>
    </main>
  );
}

function messageFor(err: unknown): string {
  const error = asApiError(err);
  if (error.kind === 'unauthorized') return 'Wrong API key: the API refused it (401 Unauthorized). Check the key and try again.';
  if (error.kind === 'down') return `The jobgate API is not answering (${error.message}). Try again in a moment.`;
  return `The API answered: ${error.message}`;
}
