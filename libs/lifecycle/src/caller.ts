/**
 * Who is asking. Operators (keys in API_KEYS, or anyone while authentication is off) see and act on
 * everything; a team key sees and acts on its own team's jobs and sweeps only.
 */
export type Caller =
  | { kind: 'operator'; /** 16 hex digits of the key's SHA-256, or `anonymous`. */ keyId: string }
  | { kind: 'team'; keyId: string; teamId: string; teamName: string };

/** The team a caller is confined to; undefined for operators (no confinement). */
export function confinedTo(caller: Caller): string | undefined {
  return caller.kind === 'team' ? caller.teamId : undefined;
}

/** Whose key space an Idempotency-Key lives in: the team's, or the operator key's. */
export function idempotencyOwner(caller: Caller): string {
  return caller.kind === 'team' ? `team:${caller.teamId}` : caller.keyId;
}

/** What a new job or sweep belongs to. */
export function ownerOf(caller: Caller): { id: string; name: string } | null {
  return caller.kind === 'team' ? { id: caller.teamId, name: caller.teamName } : null;
}
