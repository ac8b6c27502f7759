import { pick } from './dispatch.repository';

type Candidate = Parameters<typeof pick>[0][number];
type Usage = Parameters<typeof pick>[1][number];

const EPOCH = Date.parse('2026-01-01T00:00:00Z');
let seq = 0;

/** Waiting jobs of `team` (null: operators), named `<team>:<n>`, created at the given seconds after EPOCH. */
function jobs(team: string | null, ...seconds: number[]): Candidate[] {
  return seconds.map((s, i) => ({ id: `${team ?? 'ops'}:${i}`, request_id: `req-${seq++}`, team_id: team, created_at: new Date(EPOCH + s * 1_000) }));
}

const owner = (team_id: string | null, usage: Partial<Omit<Usage, 'team_id'>> = {}): Usage => ({
  team_id,
  weight: 1,
  max_active_jobs: null,
  active: 0,
  ...usage,
});
const ids = (picked: Candidate[]) => picked.map((c) => c.id);

describe('pick (fair share)', () => {
  it('alternates between two teams of weight 1:1, ties going to the oldest waiting job', () => {
    const candidates = [...jobs('a', 1, 2, 3, 4), ...jobs('b', 0, 5, 6, 7)];
    expect(ids(pick(candidates, [owner('a'), owner('b')], 6, 'fair'))).toEqual(['b:0', 'a:0', 'a:1', 'b:1', 'a:2', 'b:2']);
  });

  it('gives a team of weight 3 three slots for each one of a team of weight 1', () => {
    const candidates = [...jobs('heavy', 0, 1, 2, 3, 4, 5, 6, 7), ...jobs('light', 10, 11, 12, 13)];
    const picked = ids(pick(candidates, [owner('heavy', { weight: 3 }), owner('light')], 8, 'fair'));
    expect(picked).toEqual(['heavy:0', 'light:0', 'heavy:1', 'heavy:2', 'heavy:3', 'light:1', 'heavy:4', 'heavy:5']);
  });

  it('counts the slots each team already holds (active ÷ weight)', () => {
    const candidates = [...jobs('a', 0, 1, 2), ...jobs('b', 10, 11, 12, 13)];
    expect(ids(pick(candidates, [owner('a', { active: 3 }), owner('b', { active: 1 })], 4, 'fair'))).toEqual(['b:0', 'b:1', 'a:0', 'b:2']);
    // Weight 2 with 4 active is a share of 2, as much as weight 1 with 2 active: the tie goes to the oldest.
    expect(ids(pick(candidates, [owner('a', { active: 4, weight: 2 }), owner('b', { active: 2 })], 2, 'fair'))).toEqual(['a:0', 'b:0']);
  });

  it("stops a team at its own max_active_jobs, counting this pass's picks, and gives the rest to the others", () => {
    const candidates = [...jobs('capped', 0, 1, 2, 3), ...jobs('open', 10, 11, 12, 13)];
    const picked = ids(pick(candidates, [owner('capped', { max_active_jobs: 3, active: 1 }), owner('open')], 6, 'fair'));
    expect(picked.filter((id) => id.startsWith('capped:'))).toEqual(['capped:0', 'capped:1']);
    expect(picked).toHaveLength(6);
    expect(pick(jobs('full', 0, 1), [owner('full', { max_active_jobs: 2, active: 2 })], 5, 'fair')).toEqual([]);
  });

  it('is work-conserving: a team alone takes every free slot, whatever its weight', () => {
    const alone = jobs('alone', 0, 1, 2, 3, 4, 5);
    expect(ids(pick(alone, [owner('alone', { weight: 1 }), owner('idle', { weight: 10 })], 4, 'fair'))).toEqual(['alone:0', 'alone:1', 'alone:2', 'alone:3']);
  });

  it("keeps each team's own order (the store's priority order), even when a later job is older", () => {
    // The store lists a team's jobs by priority first: a:0 (high priority) is younger than a:1.
    const candidates = [...jobs('a', 5, 1), ...jobs('b', 3)];
    expect(ids(pick(candidates, [owner('a'), owner('b')], 3, 'fair'))).toEqual(['b:0', 'a:0', 'a:1']);
  });

  it("treats operators' jobs (no team) as one owner", () => {
    const candidates = [...jobs(null, 0, 1, 2), ...jobs('a', 3, 4, 5)];
    expect(ids(pick(candidates, [owner(null), owner('a')], 4, 'fair'))).toEqual(['ops:0', 'a:0', 'ops:1', 'a:1']);
  });

  it('takes no more than `free`, nothing when nothing is free, and leaves the usage it was given alone', () => {
    const teams = [owner('a', { active: 2 })];
    expect(pick(jobs('a', 0, 1, 2), teams, 2, 'fair')).toHaveLength(2);
    expect(pick(jobs('a', 0, 1, 2), teams, 0, 'fair')).toEqual([]);
    expect(pick([], teams, 5, 'fair')).toEqual([]);
    expect(teams).toEqual([owner('a', { active: 2 })]);
  });
});

describe('pick (fifo)', () => {
  it('takes the candidates in the order given (oldest first), whoever they belong to and whatever they hold', () => {
    const candidates = [...jobs('b', 0), ...jobs('a', 1, 2), ...jobs(null, 3)];
    expect(ids(pick(candidates, [owner('a'), owner('b', { active: 50 }), owner(null)], 3, 'fifo'))).toEqual(['b:0', 'a:0', 'a:1']);
  });

  it("passes over a team's jobs once it is at its own cap", () => {
    const candidates = [...jobs('a', 0, 1, 2), ...jobs('b', 3, 4)];
    expect(ids(pick(candidates, [owner('a', { max_active_jobs: 2, active: 1 }), owner('b')], 10, 'fifo'))).toEqual(['a:0', 'b:0', 'b:1']);
  });
});
