import type { CreateTeamRequestDto } from '@jobgate/client';
import type { TargetedSubmitEvent } from 'preact';
import { useState } from 'preact/hooks';
import { useApi } from '../api/api-context';
import { asApiError, type ApiError } from '../api/api-error';
import type { TeamRecord } from '../api/types';
import { fieldErrors, numberOrText } from '../lib/field-errors';
import { FormField } from './form-field';

const EMPTY = { name: '', weight: '', maxActive: '', maxQueued: '', webhookUrl: '' };

/** `POST /v1/teams`: a team's name, weight and caps; the API's field problems show next to the fields. */
export function CreateTeamForm({ onCreated }: { onCreated: (team: TeamRecord) => void }) {
  const client = useApi();
  const [fields, setFields] = useState(EMPTY);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (name: keyof typeof EMPTY) => (value: string) => setFields((f) => ({ ...f, [name]: value }));

  const submit = async (event: TargetedSubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    // Not a number stays the text typed, so the API's 400 names the field: hence not CreateTeamRequestDto yet.
    const body: Record<string, unknown> = { name: fields.name.trim() };
    const optional = {
      weight: numberOrText(fields.weight),
      max_active_jobs: numberOrText(fields.maxActive),
      max_queued_jobs: numberOrText(fields.maxQueued),
      webhook_url: fields.webhookUrl.trim() || undefined,
    };
    for (const [key, value] of Object.entries(optional)) if (value !== undefined) body[key] = value;
    try {
      const team = await client.call((api) => api.POST('/v1/teams', { body: body as CreateTeamRequestDto }));
      setFields(EMPTY);
      onCreated(team);
    } catch (err) {
      setError(asApiError(err));
    } finally {
      setBusy(false);
    }
  };
  const errors = fieldErrors(error);
  return (
    <form class="card form-grid" onSubmit={submit} aria-labelledby="create-team-heading" noValidate>
      <h2 id="create-team-heading">Create a team</h2>
      <FormField
        id="team-name"
        label="Name"
        required
        value={fields.name}
        onInput={set('name')}
        error={errors.name}
        hint="lowercase letters, digits and '-', starting with a letter"
        placeholder="vision"
      />
      <FormField
        id="team-weight"
        label="Weight"
        inputMode="numeric"
        value={fields.weight}
        onInput={set('weight')}
        error={errors.weight}
        hint="share of ModelArts capacity relative to other teams (default 1)"
      />
      <FormField
        id="team-max-active"
        label="Max active jobs"
        inputMode="numeric"
        value={fields.maxActive}
        onInput={set('maxActive')}
        error={errors.max_active_jobs}
        hint="at most this many in ModelArts at once"
      />
      <FormField
        id="team-max-queued"
        label="Max queued jobs"
        inputMode="numeric"
        value={fields.maxQueued}
        onInput={set('maxQueued')}
        error={errors.max_queued_jobs}
        hint="beyond it, new jobs are refused (429)"
      />
      <FormField
        id="team-webhook-url"
        label="Webhook URL"
        inputMode="url"
        value={fields.webhookUrl}
        onInput={set('webhookUrl')}
        error={errors.webhook_url}
        hint="for the team's jobs that name no webhook_url"
        placeholder="https://hooks.example.com/jobgate"
      />
      <div class="form-actions">
        <button type="submit" class="primary" disabled={busy}>
          {busy ? 'Creating…' : 'Create team'}
        </button>
        {error && (
          <p class="error-text" role="alert">
            {error.message}
          </p>
        )}
      </div>
    </form>
  );
}
