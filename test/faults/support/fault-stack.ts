/**
 * Everything one fault scenario runs on, owned by that scenario alone: its own Redis (AOF) and
 * PostgreSQL database, a webhook receiver, and the real jobgate processes against the simulator.
 */
import { join } from 'node:path';
import { Stack, type Role } from '../../support/stack';
import { WebhookReceiver } from '../../support/webhook-receiver';
import { RedisServer } from './redis-server';
import { ScratchDatabase } from './scratch-database';

export const FAULT_WEBHOOK_SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';

/** Job names ending in 3 fail in ModelArts, in 7 are killed there: every terminal status gets checked. */
const OUTCOME_PATTERNS = { failNamePattern: '3$', killNamePattern: '7$' };

/** Short job lives (1.6 s), so that hundreds of jobs end within seconds of their submission. */
const SIM_TIMELINE = { SIM_INIT_MS: '300', SIM_WAITING_MS: '300', SIM_RUNNING_MS: '1000' };

/** jobgate's environment in every scenario; `extra` wins. */
export function faultStackEnv(extra: Record<string, string> = {}): Record<string, string> {
  return {
    SUBMIT_RATE_LIMIT: '100',
    MAX_ACTIVE_JOBS: '100000',
    POLL_INTERVAL_MS: '300',
    WEBHOOK_SECRET: FAULT_WEBHOOK_SECRET,
    WEBHOOK_ALLOWED_CIDRS: '127.0.0.0/8',
    // Seven tries over ~17 s: a receiver down for less than that still gets every event.
    WEBHOOK_RETRY_SCHEDULE: '1,1,2,2,3,3,5',
    // Hundreds of jobs at debug level would cost this 2-core machine more than the jobs do.
    LOG_LEVEL: 'info',
    ...extra,
  };
}

/** The simulator's environment in every scenario: short lives, every outcome, and `faults`. */
function faultSimEnv(faults: Record<string, unknown> = {}): Record<string, string> {
  return { ...SIM_TIMELINE, SIM_FAULTS: JSON.stringify({ ...OUTCOME_PATTERNS, ...faults }) };
}

/** The simulator's environment of a scenario without faults of its own. */
export const FAULT_SIM_ENV = faultSimEnv();

export interface FaultStackOptions {
  roles?: Partial<Record<Role, number>>;
  /** Extra jobgate environment (wins over the defaults below). */
  env?: Record<string, string>;
  /** Simulator faults (SIM_FAULTS; the outcome patterns are added). */
  faults?: Record<string, unknown>;
}

export class FaultStack {
  /** For checking signatures of what the receiver got. */
  readonly webhookSecret = FAULT_WEBHOOK_SECRET;

  private constructor(
    readonly stack: Stack,
    readonly redis: RedisServer,
    readonly database: ScratchDatabase,
    readonly receiver: WebhookReceiver,
  ) {}

  static async start(options: FaultStackOptions = {}): Promise<FaultStack> {
    const receiver = await new WebhookReceiver().start();
    const database = await ScratchDatabase.create();
    const redis = await RedisServer.start(join(__dirname, '../../../test-output', database.name));
    const stack = new Stack({
      roles: options.roles ?? { api: 1, worker: 1, poller: 1 },
      redisUrl: redis.url,
      databaseUrl: database.url,
      env: faultStackEnv(options.env),
      simEnv: faultSimEnv(options.faults),
    });
    const fault = new FaultStack(stack, redis, database, receiver);
    await stack.start().catch(async (err) => {
      await fault.stop();
      throw err;
    });
    return fault;
  }

  /** Where each job calls back to. */
  get webhookUrl(): string {
    return `${this.receiver.url}/hooks`;
  }

  /** The processes first (they hold connections), then the servers they used. */
  async stop(): Promise<void> {
    await this.stack.stop().catch(() => undefined);
    await this.redis.stop();
    await this.database.drop();
    await this.receiver.stop();
  }
}
