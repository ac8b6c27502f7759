/** What a request was, as far as the simulator could tell from its method and path. */
export type SimOp =
  'token' | 'create' | 'list' | 'detail' | 'versions' | 'stop' | 'delete' | 'create_version' | 'specs' | 'engines' | 'log_files' | 'log' | 'unknown';

/** One request the simulator saw (control endpoints under `/__sim` are never recorded). */
export interface SimCall {
  seq: number;
  /** Epoch ms (simulator clock) when the request arrived. */
  at: number;
  op: SimOp;
  method: string;
  /** Path without the query string. */
  path: string;
  /** Raw query string, when there was one. */
  query?: string;
  /** HTTP status sent; 0 when the connection was dropped without a response. */
  status: number;
  job_name?: string;
  job_id?: number;
  error_code?: string;
}

export interface SimStats {
  /** Create and create-version requests received, whatever their outcome (both pass jobgate's create gate). */
  creates: number;
  calls_by_op: Partial<Record<SimOp, number>>;
  /** Highest number of create requests that arrived within any 1000 ms window. */
  max_creates_in_any_1s_window: number;
  /** Jobs not yet in a terminal status and not deleted. */
  active_jobs: number;
}

/** Every request in arrival order; the record is filled in as the request is answered. */
export class CallLog {
  private entries: SimCall[] = [];
  private nextSeq = 1;

  start(call: Omit<SimCall, 'seq' | 'status'>): SimCall {
    const entry: SimCall = { seq: this.nextSeq++, ...call, status: 0 };
    this.entries.push(entry);
    return entry;
  }

  list(): SimCall[] {
    return this.entries.map((c) => ({ ...c }));
  }

  /** Forgets every call; numbering starts over so a test can assert exact `seq` values. */
  clear(): void {
    this.entries = [];
    this.nextSeq = 1;
  }

  stats(activeJobs: number): SimStats {
    const callsByOp: Partial<Record<SimOp, number>> = {};
    const createTimes: number[] = [];
    for (const call of this.entries) {
      callsByOp[call.op] = (callsByOp[call.op] ?? 0) + 1;
      if (call.op === 'create' || call.op === 'create_version') createTimes.push(call.at);
    }
    return {
      creates: createTimes.length,
      calls_by_op: callsByOp,
      max_creates_in_any_1s_window: maxInWindow(createTimes, 1000),
      active_jobs: activeJobs,
    };
  }
}

/** Largest number of timestamps inside any half-open window [t, t + windowMs). */
function maxInWindow(times: number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let best = 0;
  let start = 0;
  for (let end = 0; end < sorted.length; end++) {
    while (sorted[end] - sorted[start] >= windowMs) start++;
    best = Math.max(best, end - start + 1);
  }
  return best;
}
