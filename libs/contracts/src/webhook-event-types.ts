/**
 * Every webhook event jobgate sends, with the record its `data` carries: `job.*` when a job enters
 * the status of that name (the job record), `sweep.completed` when a sweep ends (its summary).
 */
export const WEBHOOK_EVENTS = {
  'job.submitted': { data: 'JobRecord', summary: 'ModelArts accepted the job' },
  'job.running': { data: 'JobRecord', summary: 'The job runs in ModelArts' },
  'job.succeeded': { data: 'JobRecord', summary: 'The job ended well' },
  'job.failed': { data: 'JobRecord', summary: 'The job failed: refused at creation, out of retries, or failed in ModelArts' },
  'job.canceled': { data: 'JobRecord', summary: 'The job was canceled' },
  'sweep.completed': { data: 'SweepSummary', summary: 'A sweep ended (every trial has ended): counts per status and the best trial' },
} as const satisfies Record<string, { data: 'JobRecord' | 'SweepSummary'; summary: string }>;

export type WebhookType = keyof typeof WEBHOOK_EVENTS;
