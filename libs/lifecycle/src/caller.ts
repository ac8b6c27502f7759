/**
 * Who is asking. Operators (keys in API_KEYS, or anyone while authentication is off) see and act on
 * everything; a team key sees and acts on its own team's jobs and sweeps only; a job's report token
 * may only report that job's metrics.
 */
export type Caller =
  | { kind: 'operator'; /** 16 hex digits of the key's SHA-256, or `anonymous`. */ keyId: string }
  | { kind: 'team'; keyId: string; teamId: string; teamName: string }
  | { kind: 'reporter'; /** `report:<job id>`. */ keyId: string; jobId: string };

// A team id no team has: a reporter that reached a read by mistake would see nothing.
const NO_TEAM = '00000000-0000-0000-0000-000000000000';

/** The team a caller is confined to; undefined for operators (no confinement). */
export function confinedTo(caller: Caller): string | undefined {
  if (caller.kind === 'reporter') return NO_TEAM;
  return caller.kind === 'team' ? caller.teamId : undefined;
}

/**
 * Confinement for reporting one job's metrics: a reporter reaches its own job whatever its team,
 * and nothing else (null: refuse).
 */
export function reportScope(caller: Caller, jobId: string): { teamId: string | undefined } | null {
  if (caller.kind === 'reporter') return caller.jobId === jobId ? { teamId: undefined } : null;
  return { teamId: confinedTo(caller) };
}

/** Whose key space an Idempotency-Key lives in: the team's, or the operator key's. */
export function idempotencyOwner(caller: Caller): string {
  return caller.kind === 'team' ? `team:${caller.teamId}` : caller.keyId;
}

/** What a new job or sweep belongs to. */
export function ownerOf(caller: Caller): { id: string; name: string } | null {
  return caller.kind === 'team' ? { id: caller.teamId, name: caller.teamName } : null;
}
