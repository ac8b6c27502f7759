/** `POST /v1/teams`. */
export interface CreateTeamRequest {
  /** A slug, unique: lowercase letters, digits and '-', 2–63 characters, starting with a letter. */
  name: string;
  /** Share of capacity relative to other teams (fair share); default 1. */
  weight?: number;
  /** Hard cap on the team's jobs holding ModelArts slots; null or absent = no cap of its own. */
  max_active_jobs?: number | null;
  /** Cap on the team's waiting jobs (queued + pending trials); beyond it intake answers 429. */
  max_queued_jobs?: number | null;
  /** Receiver of the team's job and sweep events that carry no `webhook_url` of their own. */
  webhook_url?: string | null;
}

/** `PATCH /v1/teams/{id}`: any of the create fields but the name. */
export type UpdateTeamRequest = Omit<CreateTeamRequest, 'name'>;

/** `POST /v1/teams/{id}/api-keys`. */
export interface CreateApiKeyRequest {
  name: string;
}
