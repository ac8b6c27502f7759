/** Where a create without `workspace_id` puts the job, and what a list without one reads (reference §2.1, §2.2). */
export const DEFAULT_WORKSPACE = '0';
