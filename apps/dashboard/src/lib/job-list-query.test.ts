import { jobListApiQuery, jobListSearch, parseJobListQuery, splitLabels } from './job-list-query';

describe('job list query', () => {
  it('keeps filters and the cursor trail in the page URL, and leaves empty ones out', () => {
    const query = { status: 'running', labels: ['team:ml', 'env:prod'], sweepId: 'abc', team: 'vision', after: ['c1', 'c2'] };
    const search = jobListSearch(query);
    expect(search).toBe('?status=running&label=team%3Aml&label=env%3Aprod&sweep_id=abc&team=vision&after=c1&after=c2');
    expect(parseJobListQuery(search)).toEqual(query);
    expect(jobListSearch({ status: '', labels: [], sweepId: '', team: '', after: [] })).toBe('');
  });

  it('asks the API for the current page: the last cursor of the trail', () => {
    const query = jobListApiQuery({ status: 'failed', labels: ['team:ml'], sweepId: '', team: '', after: ['c1', 'c2'] }, 25);
    expect(query).toEqual({ limit: 25, status: 'failed', label: ['team:ml'], cursor: 'c2' });
    expect(jobListApiQuery({ status: '', labels: [], sweepId: '', team: 'speech', after: [] }, 25)).toEqual({ limit: 25, team: 'speech' });
  });

  it('splits the labels field on commas and drops blanks', () => {
    expect(splitLabels(' team:ml , ,env:prod ')).toEqual(['team:ml', 'env:prod']);
    expect(splitLabels('')).toEqual([]);
  });
});
