import type { TargetedSubmitEvent } from 'preact';
import { useState } from 'preact/hooks';
import { useApi } from '../api/api-context';
import { asApiError, type ApiError } from '../api/api-error';
import type { CreatedApiKeyRecord, TeamRecord } from '../api/types';
import { fieldErrors } from '../lib/field-errors';
import { FormField } from './form-field';

/** `POST /v1/teams/{id}/api-keys`: a key named for what uses it. */
export function CreateApiKeyForm({ team, onCreated }: { team: TeamRecord; onCreated: (key: CreatedApiKeyRecord) => void }) {
  const client = useApi();
  const [name, setName] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (event: TargetedSubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const key = await client.call((api) => api.POST('/v1/teams/{id}/api-keys', { params: { path: { id: team.id } }, body: { name: name.trim() } }));
      setName('');
      onCreated(key);
    } catch (err) {
      setError(asApiError(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form class="inline-form" onSubmit={submit} aria-label={`Create an API key for ${team.name}`} noValidate>
      <FormField
        id="key-name"
        label="Key name"
        required
        value={name}
        onInput={setName}
        error={fieldErrors(error).name}
        hint="what uses the key: a CI system, a person"
        placeholder="ci"
      />
      <button type="submit" class="primary" disabled={busy}>
        {busy ? 'Creating…' : 'Create key'}
      </button>
      {error && !fieldErrors(error).name && (
        <p class="error-text" role="alert">
          {error.message}
        </p>
      )}
    </form>
  );
}
