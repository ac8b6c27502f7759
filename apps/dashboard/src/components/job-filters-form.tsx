import type { TargetedSubmitEvent } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { hasFilters, splitLabels, type JobListQuery } from '../lib/job-list-query';
import { JOB_STATUSES } from '@jobgate/contracts/records';

type JobFilters = Pick<JobListQuery, 'status' | 'labels' | 'sweepId' | 'team'>;

export interface JobFiltersFormProps {
  query: JobListQuery;
  /** Team names to filter by (operators); null: no team filter (a team key sees its own jobs only). */
  teams: string[] | null;
  onApply: (filters: JobFilters) => void;
}

/** Status, labels, sweep and team filters; applied on submit (Enter in any field) so typing never refetches. */
export function JobFiltersForm({ query, teams, onApply }: JobFiltersFormProps) {
  const [status, setStatus] = useState(query.status);
  const [labels, setLabels] = useState(query.labels.join(', '));
  const [sweepId, setSweepId] = useState(query.sweepId);
  const [team, setTeam] = useState(query.team);
  // The URL is the truth: back/forward or a link with other filters resets the fields.
  const urlFilters = `${query.status}|${query.labels.join(',')}|${query.sweepId}|${query.team}`;
  useEffect(() => {
    setStatus(query.status);
    setLabels(query.labels.join(', '));
    setSweepId(query.sweepId);
    setTeam(query.team);
  }, [urlFilters]);

  const submit = (event: TargetedSubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    onApply({ status, labels: splitLabels(labels), sweepId: sweepId.trim(), team: teams ? team : '' });
  };
  // A team in the URL that the list does not (yet) hold stays selectable; the API says if it is unknown.
  const teamOptions = teams && query.team && !teams.includes(query.team) ? [...teams, query.team] : teams;
  return (
    <form class="filters" onSubmit={submit} aria-label="Filter jobs">
      <div class="field">
        <label for="filter-status">Status</label>
        <select id="filter-status" value={status} onChange={(e) => setStatus(e.currentTarget.value)}>
          <option value="">Any status</option>
          {JOB_STATUSES.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
      </div>
      <div class="field">
        <label for="filter-label">Labels</label>
        <input
          id="filter-label"
          type="text"
          value={labels}
          placeholder="team:vision, env:prod"
          aria-describedby="filter-label-hint"
          onInput={(e) => setLabels(e.currentTarget.value)}
        />
        <small id="filter-label-hint">key:value, comma-separated</small>
      </div>
      <div class="field">
        <label for="filter-sweep">Sweep ID</label>
        <input id="filter-sweep" type="text" value={sweepId} spellcheck={false} onInput={(e) => setSweepId(e.currentTarget.value)} />
      </div>
      {teamOptions && (
        <div class="field">
          <label for="filter-team">Team</label>
          <select id="filter-team" value={team} onChange={(e) => setTeam(e.currentTarget.value)}>
            <option value="">Any team</option>
            {teamOptions.map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </select>
        </div>
      )}
      <div class="actions">
        <button type="submit" class="primary">
          Apply filters
        </button>
        {hasFilters(query) && (
          <button type="button" onClick={() => onApply({ status: '', labels: [], sweepId: '', team: '' })}>
            Clear filters
          </button>
        )}
      </div>
    </form>
  );
}
