import { bestTrial, OPEN_SWEEP_STATUSES, type JobStatus, type SweepDetail, type SweepRecord, type SweepStatus, type SweepSummary } from '@jobgate/contracts';
import { decodeCursor, encodeCursor } from './cursor';
import { cancelSweepIn, trialsNeedingStopIn, type CancelSweepResult } from './sweep-cancel';
import { finishIfDoneIn } from './sweep-finish';
import { insertSweep, type NewSweep } from './sweep-insert';
import { releaseTrialsIn, type ReleasedTrial } from './sweep-release';
import { countTrials, toSweepRecord, toSweepTrial, TRIAL_COLUMNS, type SweepRow, type TrialRow } from './sweep-row';
import { inTransaction, type Queryable } from './with-transaction';

export interface ListSweepsFilter {
  status?: SweepStatus;
  /** Only this team's sweeps; absent: everyone's. */
  teamId?: string;
  /** 1–200; default 50. */
  limit?: number;
  cursor?: string;
}

/**
 * Sweeps and the release of their trials. Every decision (what to release, when a sweep ends) is
 * taken from PostgreSQL under the sweep's row lock, so it survives restarts and any number of API
 * and poller processes calling these methods at once.
 */
export class SweepRepository {
  constructor(private readonly pool: Queryable) {}

  /** Stores the sweep and every trial in one transaction, and releases the first `max_parallel` trials. */
  async create(input: NewSweep): Promise<{ sweep: SweepRecord; released: ReleasedTrial[] }> {
    return inTransaction(this.pool, async (db) => {
      const row = await insertSweep(db, input);
      const released = await releaseTrialsIn(db, row.id);
      const counts = countTrials([{ status: 'pending', n: input.trials.length - released.length }, { status: 'queued', n: released.length }]);
      return { sweep: toSweepRecord(row, counts), released };
    });
  }

  /** The sweep with every trial, if it exists and (with `teamId`) belongs to that team. */
  async get(id: string, teamId?: string): Promise<SweepDetail | null> {
    const { rows } = await this.pool.query<SweepRow>('SELECT * FROM sweeps WHERE id = $1', [id]);
    const row = rows[0];
    if (!row || (teamId !== undefined && row.team_id !== teamId)) return null;
    const trialRows = await this.pool.query<TrialRow>(`SELECT ${TRIAL_COLUMNS} FROM jobs WHERE sweep_id = $1 ORDER BY sweep_trial`, [id]);
    const trials = trialRows.rows.map(toSweepTrial);
    return { ...toSweepRecord(row, countTrials(trials.map((t) => ({ status: t.status, n: 1 })))), best_trial: bestTrial(trials, row.objective), trials };
  }

  /** Newest first, with the same opaque cursor as the job list. */
  async list(filter: ListSweepsFilter = {}): Promise<{ items: SweepRecord[]; next_cursor: string | null }> {
    const limit = Math.min(Math.max(filter.limit ?? 50, 1), 200);
    const where: string[] = [];
    const params: unknown[] = [];
    if (filter.status) where.push(`status = $${params.push(filter.status)}`);
    if (filter.teamId) where.push(`team_id = $${params.push(filter.teamId)}`);
    if (filter.cursor) {
      const c = decodeCursor(filter.cursor);
      where.push(`(created_at, id) < ($${params.push(new Date(c.createdAtMs))}, $${params.push(c.id)})`);
    }
    const { rows } = await this.pool.query<SweepRow>(
      `SELECT * FROM sweeps ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY created_at DESC, id DESC LIMIT $${params.push(limit + 1)}`,
      params,
    );
    const page = rows.slice(0, limit);
    const counts = await this.countsOf(page.map((r) => r.id));
    const last = page[page.length - 1];
    return {
      items: page.map((row) => toSweepRecord(row, countTrials(counts.filter((c) => c.sweep_id === row.id)))),
      next_cursor: rows.length > limit && last ? encodeCursor({ createdAtMs: last.created_at.getTime(), id: last.id }) : null,
    };
  }

  /** Releases the next trials of one sweep into free slots; the caller enqueues what is returned. */
  async releaseTrials(sweepId: string): Promise<ReleasedTrial[]> {
    return inTransaction(this.pool, (db) => releaseTrialsIn(db, sweepId));
  }

  /** Running sweeps with pending trials: the ones a release pass looks at (start-up, every poll tick). */
  async withPendingTrials(): Promise<string[]> {
    const { rows } = await this.pool.query<{ id: string }>(
      `SELECT id FROM sweeps s WHERE status = 'running'
         AND EXISTS (SELECT 1 FROM jobs j WHERE j.sweep_id = s.id AND j.status = 'pending')
       ORDER BY created_at`,
    );
    return rows.map((r) => r.id);
  }

  /** See cancelSweepIn: null for an unknown sweep, ConflictError for one that already ended. */
  async cancel(sweepId: string): Promise<CancelSweepResult | null> {
    return inTransaction(this.pool, (db) => cancelSweepIn(db, sweepId));
  }

  async trialsNeedingStop(sweepId: string): Promise<string[]> {
    return trialsNeedingStopIn(this.pool, sweepId);
  }

  /** Ends the sweep when all its trials have ended; the summary comes back once, from the call that ended it. */
  async finishIfDone(sweepId: string): Promise<SweepSummary | null> {
    return inTransaction(this.pool, (db) => finishIfDoneIn(db, sweepId));
  }

  /** Sweeps not yet ended: a finish pass catches up on any whose last trial ended while nobody was looking. */
  async open(): Promise<string[]> {
    const { rows } = await this.pool.query<{ id: string }>('SELECT id FROM sweeps WHERE status = ANY($1::text[]) ORDER BY created_at', [OPEN_SWEEP_STATUSES]);
    return rows.map((r) => r.id);
  }

  private async countsOf(sweepIds: string[]): Promise<{ sweep_id: string; status: JobStatus; n: string }[]> {
    if (sweepIds.length === 0) return [];
    const { rows } = await this.pool.query<{ sweep_id: string; status: JobStatus; n: string }>(
      'SELECT sweep_id, status, count(*) AS n FROM jobs WHERE sweep_id = ANY($1::uuid[]) GROUP BY sweep_id, status',
      [sweepIds],
    );
    return rows;
  }
}
