import { isWrapped, toCreateJobRequest } from './job-request';

const bare = { job_name: 'j1', config: { spec_id: 1 } };

describe('toCreateJobRequest', () => {
  it('wraps a bare ModelArts training-job body', () => {
    expect(isWrapped(bare)).toBe(false);
    expect(toCreateJobRequest(bare)).toEqual({ training_job: bare });
  });

  it('sends a full jobgate request as it is', () => {
    const wrapped = { training_job: bare, labels: { team: 'vision' }, webhook_url: 'https://hooks.example/a' };
    expect(isWrapped(wrapped)).toBe(true);
    expect(toCreateJobRequest(wrapped)).toEqual(wrapped);
  });

  it('lets --label and --webhook-url win over the file, keeping its other labels', () => {
    const wrapped = { training_job: bare, labels: { team: 'vision', run: '1' }, webhook_url: 'https://hooks.example/a' };
    const request = toCreateJobRequest(wrapped, { labels: { run: '2', owner: 'ann' }, webhookUrl: 'https://hooks.example/b' });
    expect(request).toEqual({ training_job: bare, labels: { team: 'vision', run: '2', owner: 'ann' }, webhook_url: 'https://hooks.example/b' });
    expect(toCreateJobRequest(bare, { labels: { run: '3' } })).toEqual({ training_job: bare, labels: { run: '3' } });
  });

  it('leaves a wrong file field for jobgate to name, unless flags must be merged into it', () => {
    expect(toCreateJobRequest({ training_job: bare, labels: 'oops' })).toEqual({ training_job: bare, labels: 'oops' });
    expect(() => toCreateJobRequest({ training_job: bare, labels: ['a'] }, { labels: { a: 'b' } })).toThrow(/labels in the file must be an object/);
  });
});
