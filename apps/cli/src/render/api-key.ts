import type { ApiKeyRecord, CreatedApiKeyRecord } from '@jobgate/contracts/records';
import { renderTable, shortTime } from './table';

/** `jobgate keys list`: the keys' ids, names and prefixes; the keys themselves are never shown again. */
export function renderApiKeyTable(keys: readonly ApiKeyRecord[]): string {
  const rows = keys.map((k) => [k.id, k.name, `${k.prefix}…`, shortTime(k.created_at) ?? '', shortTime(k.revoked_at) ?? '-']);
  return renderTable(['ID', 'NAME', 'PREFIX', 'CREATED (UTC)', 'REVOKED (UTC)'], rows);
}

/** `keys create`: the key on a line of its own, so it is easy to copy. */
export function renderApiKeyCreated(key: CreatedApiKeyRecord, teamName: string): string[] {
  return [`created API key ${key.id} (${key.name}) for team ${teamName}:`, '', `  ${key.key}`, ''];
}

/** Goes to stderr with every created key, --json or not. */
export const SHOWN_ONCE_WARNING = 'This is the only time the key is shown: jobgate keeps only its hash. Store it now.';
