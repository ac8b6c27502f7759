import type { TeamRecord } from '@jobgate/contracts/records';
import type { ApiClient } from './api-client';
import { CliError, ExitCode } from './cli-error';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The team a command line names, by id or by name. jobgate looks teams up by id only, so a name is
 * found in the team list (operators have few teams; the list is one page).
 */
export async function resolveTeam(client: ApiClient, ref: string): Promise<TeamRecord> {
  if (UUID.test(ref)) return client.getTeam(ref);
  const { items } = await client.listTeams();
  const team = items.find((t) => t.name === ref);
  if (!team) throw new CliError(`no team named "${ref}" (jobgate teams list shows them)`, ExitCode.notFound);
  return team;
}
