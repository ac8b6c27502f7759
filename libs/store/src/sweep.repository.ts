import {
  OPEN_SWEEP_STATUSES,
  type EarlyStopping,
  type JobStatus,
  type Page,
  type SweepDetail,
  type SweepObjective,
  type SweepRecord,
  type SweepStatus,
  type SweepSummary,
  type SweepTrial,
} from '@jobgate/contracts';
import { decodeCursor, decodeTrialCursor, encodeCursor, encodeTrialCursor } from './cursor';
import { bestTrialOf } from './sweep-best-trial';
import { cancelSweepIn, trialsNeedingStopIn, type CancelSweepResult } from './sweep-cancel';
import { finishIfDoneIn } from './sweep-finish';
import { insertSweep, type NewSweep } from './sweep-insert';
import { releaseTrialsIn, type ReleasedTrial } from './sweep-release';
import { countTrials, toSweepRecord, toSweepTrial, TRIAL_COLUMNS, type SweepRow, type TrialRow } from './sweep-row';
import { inTransaction, type Queryable } from './with-transaction';
import type { Tables } from './tables';

export interface TrialPageQuery {
  /** Trials per page, already bounded by the caller (1–MAX_TRIAL_PAGE). */
  limit: number;
  /** next_cursor of the previous page; absent: from the first trial. */
  cursor?: string;
}

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
  constructor(
    private readonly pool: Queryable,
    private readonly t: Tables,
  ) {}

  /** Stores the sweep and every trial in one transaction, and releases the first `max_parallel` trials. */
  async create(input: NewSweep): Promise<{ sweep: SweepRecord; released: ReleasedTrial[] }> {
    return inTransaction(this.pool, async (db) => {
      const row = await insertSweep(db, this.t, input);
      const released = await releaseTrialsIn(db, this.t, row.id);
      const counts = countTrials([
        { status: 'pending', n: input.trials.length - released.length },
        { status: 'queued', n: released.length },
      ]);
      return { sweep: toSweepRecord(row, counts), released };
    });
  }

  /**
   * The sweep with its counts and best trial, if it exists and (with `teamId`) belongs to that team.
   * Both come from PostgreSQL (a GROUP BY and one ordered row), so the answer stays small however
   * many trials there are; the trials themselves are paged by `trials`.
   */
  async get(id: string, teamId?: string): Promise<SweepDetail | null> {
    const row = await this.row(id, teamId);
    if (!row) return null;
    const [counts, best, stopped] = await Promise.all([this.countsOf([id]), bestTrialOf(this.pool, this.t, id, row.objective), this.earlyStoppedCount(id)]);
    return { ...toSweepRecord(row, countTrials(counts), stopped), best_trial: best };
  }

  /** Trials stopped early that ended `canceled` (a stop that came after the run ended counts for nothing). */
  private async earlyStoppedCount(id: string): Promise<number> {
    const { rows } = await this.pool.query<{ n: string }>(
      `SELECT count(*) AS n FROM ${this.t.jobs} WHERE sweep_id = $1 AND early_stopped AND status = 'canceled'`,
      [id],
    );
    return Number(rows[0]!.n);
  }

  /** One page of the sweep's trials in trial order; null for an unknown sweep (or another team's). */
  async trials(id: string, page: TrialPageQuery, teamId?: string): Promise<Page<SweepTrial> | null> {
    if (!(await this.row(id, teamId))) return null;
    const after = page.cursor === undefined ? 0 : decodeTrialCursor(page.cursor);
    const { rows } = await this.pool.query<TrialRow>(
      `SELECT ${TRIAL_COLUMNS} FROM ${this.t.jobs} WHERE sweep_id = $1 AND sweep_trial > $2 ORDER BY sweep_trial LIMIT $3`,
      [id, after, page.limit + 1],
    );
    const items = rows.slice(0, page.limit).map(toSweepTrial);
    const last = items[items.length - 1];
    return { items, next_cursor: rows.length > page.limit && last ? encodeTrialCursor(last.trial) : null };
  }

  private async row(id: string, teamId?: string): Promise<SweepRow | null> {
    const { rows } = await this.pool.query<SweepRow>(`SELECT * FROM ${this.t.sweeps} WHERE id = $1`, [id]);
    const row = rows[0];
    return !row || (teamId !== undefined && row.team_id !== teamId) ? null : row;
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
      `SELECT * FROM ${this.t.sweeps} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY created_at DESC, id DESC LIMIT $${params.push(limit + 1)}`,
      params,
    );
    const page = rows.slice(0, limit);
    const counts = await this.countsOf(page.map((r) => r.id));
    const last = page[page.length - 1];
    return {
      items: page.map((row) => {
        const own = counts.filter((c) => c.sweep_id === row.id);
        return toSweepRecord(
          row,
          countTrials(own),
          own.reduce((n, c) => n + Number(c.early_stopped), 0),
        );
      }),
      next_cursor: rows.length > limit && last ? encodeCursor({ createdAtMs: last.created_at.getTime(), id: last.id }) : null,
    };
  }

  /** Releases the next trials of one sweep into free slots; the caller enqueues what is returned. */
  async releaseTrials(sweepId: string): Promise<ReleasedTrial[]> {
    return inTransaction(this.pool, (db) => releaseTrialsIn(db, this.t, sweepId));
  }

  /**
   * What median stopping needs of a trial: its sweep, status and the sweep's objective and
   * early_stopping. Null for a job that is no sweep's trial.
   */
  async learningTrial(
    jobId: string,
  ): Promise<{ sweepId: string; status: JobStatus; objective: SweepObjective | null; earlyStopping: EarlyStopping | null } | null> {
    const { rows } = await this.pool.query<{ sweep_id: string; status: JobStatus; objective: SweepObjective | null; early_stopping: EarlyStopping | null }>(
      `SELECT j.sweep_id, j.status, s.objective, s.early_stopping FROM ${this.t.jobs} j JOIN ${this.t.sweeps} s ON s.id = j.sweep_id WHERE j.id = $1`,
      [jobId],
    );
    const row = rows[0];
    return row ? { sweepId: row.sweep_id, status: row.status, objective: row.objective, earlyStopping: row.early_stopping } : null;
  }

  /**
   * Marks a trial as stopped by median stopping, before its stop is requested, so it is flagged
   * whenever it ends; it counts as stopped early only if it then ends `canceled`.
   */
  async markEarlyStopped(jobId: string): Promise<void> {
    await this.pool.query(`UPDATE ${this.t.jobs} SET early_stopped = true WHERE id = $1 AND sweep_id IS NOT NULL`, [jobId]);
  }

  /** Running sweeps with pending trials: the ones a release pass looks at (start-up, every poll tick). */
  async withPendingTrials(): Promise<string[]> {
    const { rows } = await this.pool.query<{ id: string }>(
      `SELECT id FROM ${this.t.sweeps} s WHERE status = 'running'
         AND EXISTS (SELECT 1 FROM ${this.t.jobs} j WHERE j.sweep_id = s.id AND j.status = 'pending')
       ORDER BY created_at`,
    );
    return rows.map((r) => r.id);
  }

  /** See cancelSweepIn: null for an unknown sweep, ConflictError for one that already ended. */
  async cancel(sweepId: string): Promise<CancelSweepResult | null> {
    return inTransaction(this.pool, (db) => cancelSweepIn(db, this.t, sweepId));
  }

  async trialsNeedingStop(sweepId: string): Promise<string[]> {
    return trialsNeedingStopIn(this.pool, this.t, sweepId);
  }

  /** Ends the sweep when all its trials have ended; the summary comes back once, from the call that ended it. */
  async finishIfDone(sweepId: string): Promise<SweepSummary | null> {
    return inTransaction(this.pool, (db) => finishIfDoneIn(db, this.t, sweepId));
  }

  /** Sweeps not yet ended: a finish pass catches up on any whose last trial ended while nobody was looking. */
  async open(): Promise<string[]> {
    const { rows } = await this.pool.query<{ id: string }>(`SELECT id FROM ${this.t.sweeps} WHERE status = ANY($1::text[]) ORDER BY created_at`, [
      OPEN_SWEEP_STATUSES,
    ]);
    return rows.map((r) => r.id);
  }

  private async countsOf(sweepIds: string[]): Promise<{ sweep_id: string; status: JobStatus; n: string; early_stopped: string }[]> {
    if (sweepIds.length === 0) return [];
    const { rows } = await this.pool.query<{ sweep_id: string; status: JobStatus; n: string; early_stopped: string }>(
      `SELECT sweep_id, status, count(*) AS n, count(*) FILTER (WHERE early_stopped AND status = 'canceled') AS early_stopped
         FROM ${this.t.jobs} WHERE sweep_id = ANY($1::uuid[]) GROUP BY sweep_id, status`,
      [sweepIds],
    );
    return rows;
  }
}
