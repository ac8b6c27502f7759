import { useState } from 'preact/hooks';
import { useApi } from '../api/api-context';
import type { ApiKeyRecord, CreatedApiKeyRecord, TeamRecord } from '../api/types';
import { formatTime } from '../lib/format';
import { ConfirmAction } from './confirm-action';
import { CreateApiKeyForm } from './create-api-key-form';
import { EmptyState } from './empty-state';
import { NewKeyNotice } from './new-key-notice';

export interface ApiKeysSectionProps {
  team: TeamRecord;
  keys: ApiKeyRecord[];
  /** Refreshes the page's data after a change. */
  onChanged: () => void;
}

/** A team's API keys: create one (shown once), revoke one (refused from the next request on). */
export function ApiKeysSection({ team, keys, onChanged }: ApiKeysSectionProps) {
  // The new key lives here only, never in the polled data: a refresh must not lose it, and nothing keeps it once closed.
  const [created, setCreated] = useState<CreatedApiKeyRecord | null>(null);
  const [message, setMessage] = useState('');
  const onCreated = (key: CreatedApiKeyRecord) => {
    setMessage('');
    setCreated(key);
    onChanged();
  };
  return (
    <section class="card" aria-labelledby="keys-heading">
      <h2 id="keys-heading">API keys</h2>
      {created && <NewKeyNotice created={created} onDismiss={() => setCreated(null)} />}
      <CreateApiKeyForm team={team} onCreated={onCreated} />
      <p role="status" class="ok-text">
        {message}
      </p>
      {keys.length === 0 && <EmptyState title={`Team ${team.name} has no keys yet: create one to let its tools in.`} />}
      {keys.length > 0 && (
        <div class="table-scroll" role="region" aria-label="API keys" tabIndex={0}>
          <table class="keys-table">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Key starts with</th>
                <th scope="col">Created</th>
                <th scope="col">Status</th>
                <th scope="col">
                  <span class="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {keys.map((key) => (
                <tr key={key.id} data-key-id={key.id} data-revoked={key.revoked_at ? 'true' : 'false'}>
                  <td>{key.name}</td>
                  <td>
                    <code>{key.prefix}…</code>
                  </td>
                  <td>
                    <time dateTime={key.created_at}>{formatTime(key.created_at)}</time>
                  </td>
                  <td>
                    {key.revoked_at ? (
                      <span class="badge status-canceled">revoked {formatTime(key.revoked_at)}</span>
                    ) : (
                      <span class="badge status-succeeded">active</span>
                    )}
                  </td>
                  <td>
                    {!key.revoked_at && (
                      <RevokeKey
                        team={team}
                        apiKey={key}
                        onDone={(text) => {
                          setMessage(text);
                          onChanged();
                        }}
                      />
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function RevokeKey({ team, apiKey, onDone }: { team: TeamRecord; apiKey: ApiKeyRecord; onDone: (message: string) => void }) {
  const client = useApi();
  const run = async () => {
    await client.call((api) => api.DELETE('/v1/teams/{id}/api-keys/{keyId}', { params: { path: { id: team.id, keyId: apiKey.id } } }));
    onDone(`Key ${apiKey.name} revoked: jobgate refuses it from now on.`);
    // Said once, by the section: this row's own status line goes when the row shows the key revoked.
    return '';
  };
  return (
    <ConfirmAction
      label={`Revoke ${apiKey.name}`}
      confirmLabel="Yes, revoke key"
      run={run}
      disabledReason={null}
      question={`Revoke key ${apiKey.name} (${apiKey.prefix}…)? Every request with it is refused at once; this cannot be undone.`}
    />
  );
}
