import type { ApiKeyRecord, TeamRecord } from '@jobgate/contracts/records';

export const TEAM_ID = '5a0c9a51-2f43-4d0e-8a59-0c2f3f6b7d10';
export const KEY_ID = '9e8d7c6b-5a49-4c3b-8a2d-1f0e9d8c7b6a';

/** A team as jobgate's teams API returns it, with `overrides` applied. */
export function teamRecord(overrides: Partial<TeamRecord> = {}): TeamRecord {
  return {
    id: TEAM_ID,
    name: 'vision',
    weight: 2,
    max_active_jobs: 10,
    max_queued_jobs: null,
    webhook_url: 'https://hooks.example/vision',
    webhook_secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
    previous_secret_expires_at: null,
    usage: { queued: 3, active: 4, share: 2 },
    created_at: '2024-05-01T12:00:00.000Z',
    updated_at: '2024-05-01T12:00:00.000Z',
    ...overrides,
  };
}

export function apiKeyRecord(overrides: Partial<ApiKeyRecord> = {}): ApiKeyRecord {
  return { id: KEY_ID, name: 'ci', prefix: 'jg_ab12cd34', created_at: '2024-05-01T12:00:00.000Z', revoked_at: null, ...overrides };
}
