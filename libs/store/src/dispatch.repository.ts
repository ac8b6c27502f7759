import { ACTIVE_STATUSES } from '@jobgate/contracts';
import { inTransaction, type Queryable } from './with-transaction';
import type { Tables } from './tables';

// Serialises admissions, so two passes never race for the last MAX_ACTIVE_JOBS slot. Transaction-
// scoped, so nothing is held across transactions (a transaction-pooling PgBouncer stays usable); the
// second key is the schema's hash, so deployments sharing a database do not wait on each other.
const SLOT_LOCK = 740_116_043;

export interface DispatchLimits {
  /** MAX_ACTIVE_JOBS: jobs holding slots across every team. */
  maxActive: number;
  /**
   * Jobs admitted and not yet created (`submitting`) at most: admission happens shortly before the
   * create, so the order is decided when capacity frees, not when work arrived.
   */
  window: number;
  /** `fair` (lowest active ÷ weight first) or `fifo` (oldest first, whoever it belongs to). */
  policy: 'fair' | 'fifo';
}

/** A job the dispatcher moved from `queued` to `submitting`. */
export interface AdmittedJob {
  jobId: string;
  requestId: string | null;
}

interface Candidate {
  id: string;
  request_id: string | null;
  team_id: string | null;
  created_at: Date;
}

interface TeamUsage {
  team_id: string | null;
  weight: number;
  max_active_jobs: number | null;
  active: number;
}

/**
 * The scheduling loop's store side: decides, under one lock, which waiting jobs take the capacity
 * that is free now, and admits them (`queued` → `submitting`, which holds a slot). Operators' jobs
 * (no team) share as one team of weight 1.
 */
export class DispatchRepository {
  constructor(
    private readonly db: Queryable,
    private readonly t: Tables,
  ) {}

  /** Cheap check before taking the lock: is anything waiting at all? */
  async anyWaiting(): Promise<boolean> {
    const { rows } = await this.db.query<{ waiting: boolean }>(`SELECT EXISTS (SELECT 1 FROM ${this.t.jobs} WHERE status = 'queued') AS waiting`);
    return rows[0]!.waiting;
  }

  async admit(limits: DispatchLimits): Promise<AdmittedJob[]> {
    return inTransaction(this.db, async (db) => {
      await db.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [SLOT_LOCK, this.t.schema]);
      const totals = (
        await db.query<{ active: string; submitting: string }>(
          `SELECT count(*) AS active, count(*) FILTER (WHERE status = 'submitting') AS submitting FROM ${this.t.jobs} WHERE status = ANY($1::text[])`,
          [ACTIVE_STATUSES],
        )
      ).rows[0]!;
      const free = Math.min(limits.maxActive - Number(totals.active), limits.window - Number(totals.submitting));
      if (free <= 0) return [];
      const teams = await usageOfWaitingTeams(db, this.t);
      const picked = pick(await candidates(db, this.t, teams, free, limits.policy), teams, free, limits.policy);
      if (picked.length === 0) return [];
      const { rows } = await db.query<AdmittedJob>(
        `WITH moved AS (
           UPDATE ${this.t.jobs} SET status = 'submitting', updated_at = now() WHERE id = ANY($1::uuid[]) AND status = 'queued'
           RETURNING id, request_id
         ), logged AS (
           INSERT INTO ${this.t.job_events} (job_id, from_status, to_status, reason) SELECT id, 'queued', 'submitting', $2 FROM moved
         )
         SELECT id AS "jobId", request_id AS "requestId" FROM moved`,
        [picked.map((c) => c.id), limits.policy === 'fair' ? 'admitted (fair share)' : 'admitted (first in, first out)'],
      );
      const order = new Map(picked.map((c, i) => [c.id, i]));
      return rows.sort((x, y) => order.get(x.jobId)! - order.get(y.jobId)!);
    });
  }
}

/** Every owner with waiting work: its weight, its own cap and the slots it holds now. */
async function usageOfWaitingTeams(db: Queryable, t: Tables): Promise<TeamUsage[]> {
  const { rows } = await db.query<TeamUsage & { active: string }>(
    `WITH owners AS (
       SELECT t.id AS team_id, t.weight, t.max_active_jobs FROM ${t.teams} t
       WHERE EXISTS (SELECT 1 FROM ${t.jobs} j WHERE j.status = 'queued' AND j.team_id = t.id)
       UNION ALL
       SELECT NULL, 1, NULL WHERE EXISTS (SELECT 1 FROM ${t.jobs} j WHERE j.status = 'queued' AND j.team_id IS NULL)
     ), active AS (
       SELECT team_id, count(*) AS n FROM ${t.jobs} WHERE status = ANY($1::text[]) GROUP BY team_id
     )
     SELECT o.team_id, o.weight, o.max_active_jobs, COALESCE(a.n, 0) AS active
     FROM owners o LEFT JOIN active a ON a.team_id IS NOT DISTINCT FROM o.team_id`,
    [ACTIVE_STATUSES],
  );
  return rows.map((r) => ({ ...r, active: Number(r.active) }));
}

/**
 * A rerun creates a new version of its ModelArts job, and one version of a ModelArts job is created at
 * a time (a create-version whose answer was lost is recognised among the job's versions by its
 * pre_version_id and time alone; the unique index jobs_one_version_in_creation backs this). So a rerun
 * is a candidate only while no other rerun of the same ModelArts job is being created, and only the
 * oldest waiting rerun of each ModelArts job: its versions are created in the order the reruns came.
 * Checked here, under the admission lock, so two passes cannot both admit one.
 */
const oneVersionAtATime = (t: Tables) => `(j.rerun_of IS NULL OR NOT EXISTS (
    SELECT 1 FROM ${t.jobs} o WHERE o.modelarts_job_id = j.modelarts_job_id AND o.rerun_of IS NOT NULL AND o.id <> j.id
      AND (o.status = 'submitting' OR (o.status = 'queued' AND (o.created_at, o.id) < (j.created_at, j.id)))))`;

/**
 * The next waiting jobs of each owner, as many as it has room for: in its own order (higher priority,
 * then oldest) for `fair`; for `fifo` the oldest of each, merged oldest first. Per owner, so that an
 * owner at its cap with many old jobs never crowds the others out of the capacity that is free.
 */
async function candidates(db: Queryable, t: Tables, teams: TeamUsage[], free: number, policy: DispatchLimits['policy']): Promise<Candidate[]> {
  const all: Candidate[] = [];
  for (const team of teams) {
    const room = team.max_active_jobs === null ? free : Math.min(free, Math.max(0, team.max_active_jobs - team.active));
    if (room === 0) continue;
    const { rows } = await db.query<Candidate>(
      `SELECT id, request_id, team_id, created_at FROM ${t.jobs} j
       WHERE status = 'queued' AND ${team.team_id === null ? 'team_id IS NULL' : 'team_id = $2'} AND ${oneVersionAtATime(t)}
       ORDER BY ${policy === 'fifo' ? '' : 'priority DESC, '}created_at, id LIMIT $1`,
      team.team_id === null ? [room] : [room, team.team_id],
    );
    all.push(...rows);
  }
  if (policy === 'fifo') all.sort((x, y) => x.created_at.getTime() - y.created_at.getTime() || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
  return all;
}

/**
 * Who takes each free slot: the owner whose usage is lowest relative to its weight (active ÷ weight,
 * counting what this pass already gave it), ties to the oldest waiting job; an owner at its own cap
 * is passed over. Work-conserving: an owner alone may take everything free.
 */
export function pick(candidates: Candidate[], teams: TeamUsage[], free: number, policy: DispatchLimits['policy']): Candidate[] {
  const key = (teamId: string | null) => teamId ?? '';
  const usage = new Map(teams.map((t) => [key(t.team_id), { ...t }]));
  const allowed = (c: Candidate) => {
    const u = usage.get(key(c.team_id));
    return !u || u.max_active_jobs === null || u.active < u.max_active_jobs;
  };
  const take = (c: Candidate) => {
    const u = usage.get(key(c.team_id));
    if (u) u.active++;
  };
  const picked: Candidate[] = [];
  if (policy === 'fifo') {
    for (const c of candidates) {
      if (picked.length === free) break;
      if (allowed(c)) {
        take(c);
        picked.push(c);
      }
    }
    return picked;
  }
  const queues = new Map<string, Candidate[]>();
  for (const c of candidates) {
    const q = queues.get(key(c.team_id));
    if (q) q.push(c);
    else queues.set(key(c.team_id), [c]);
  }
  while (picked.length < free) {
    let best: { team: string; share: number; head: Candidate } | null = null;
    for (const [team, q] of queues) {
      const head = q[0];
      if (!head || !allowed(head)) continue;
      const u = usage.get(team)!;
      const share = u.active / u.weight;
      if (!best || share < best.share || (share === best.share && head.created_at < best.head.created_at)) best = { team, share, head };
    }
    if (!best) break;
    queues.get(best.team)!.shift();
    take(best.head);
    picked.push(best.head);
  }
  return picked;
}
