import type { JobStatus } from '../api/types';

/** Progress bar order: ended first (left), then active, then waiting; each a stable colour. */
export const PROGRESS_ORDER: readonly JobStatus[] = ['succeeded', 'failed', 'canceled', 'canceling', 'running', 'submitted', 'submitting', 'queued', 'pending'];
