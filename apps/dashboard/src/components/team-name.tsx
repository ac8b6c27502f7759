/** A record's owning team; an operator's job or sweep has none. */
export function TeamName({ team }: { team: string | null | undefined }) {
  return team ? <span class="team-cell">{team}</span> : <span class="muted">none (an operator's)</span>;
}
