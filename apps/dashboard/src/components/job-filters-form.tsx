import type { TargetedSubmitEvent } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { hasFilters, splitLabels, type JobListQuery } from '../lib/job-list-query';
import { JOB_STATUSES } from '@jobgate/contracts/records';

export interface JobFiltersFormProps {
  query: JobListQuery;
  onApply: (filters: Pick<JobListQuery, 'status' | 'labels' | 'sweepId'>) => void;
}

/** Status, labels and sweep filters; applied on submit (Enter in any field) so typing never refetches. */
export function JobFiltersForm({ query, onApply }: JobFiltersFormProps) {
  const [status, setStatus] = useState(query.status);
  const [labels, setLabels] = useState(query.labels.join(', '));
  const [sweepId, setSweepId] = useState(query.sweepId);
  // The URL is the truth: back/forward or a link with other filters resets the fields.
  const urlFilters = `${query.status}|${query.labels.join(',')}|${query.sweepId}`;
  useEffect(() => {
    setStatus(query.status);
    setLabels(query.labels.join(', '));
    setSweepId(query.sweepId);
  }, [urlFilters]);

  const submit = (event: TargetedSubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    onApply({ status, labels: splitLabels(labels), sweepId: sweepId.trim() });
  };
  return (
    <form class="filters" onSubmit={submit} aria-label="Filter jobs">
      <div class="field">
        <label for="filter-status">Status</label>
        <select id="filter-status" value={status} onChange={(e) => setStatus(e.currentTarget.value)}>
          <option value="">Any status</option>
          {JOB_STATUSES.map((s) => <option key={s} value={s}>{s}</option>)}
        </select>
      </div>
      <div class="field">
        <label for="filter-label">Labels</label>
        <input id="filter-label" type="text" value={labels} placeholder="team:vision, env:prod" aria-describedby="filter-label-hint"
          onInput={(e) => setLabels(e.currentTarget.value)} />
        <small id="filter-label-hint">key:value, comma-separated</small>
      </div>
      <div class="field">
        <label for="filter-sweep">Sweep ID</label>
        <input id="filter-sweep" type="text" value={sweepId} spellcheck={false} onInput={(e) => setSweepId(e.currentTarget.value)} />
      </div>
      <div class="actions">
        <button type="submit" class="primary">Apply filters</button>
        {hasFilters(query) && <button type="button" onClick={() => onApply({ status: '', labels: [], sweepId: '' })}>Clear filters</button>}
      </div>
    </form>
  );
}
