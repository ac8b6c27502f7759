import { joinPath, type CatalogList, type EngineRecord, type ResourceSpecRecord, type TrainingJobBody } from '@jobgate/contracts';
import { ServiceUnavailableError, type FieldIssue } from '@jobgate/errors';
import type { AiEngine, JobList, ResourceSpec } from '@jobgate/modelarts';
import type { AccountQuota } from '@jobgate/queues';
import type { IntentContext } from './intent-context';
import type { ModelArtsReads } from './modelarts-reads';

/** The ModelArts calls the account's lists and quota need. */
export interface AccountClient {
  listResourceSpecs(q?: { jobType?: 'train' | 'inference' }): Promise<ResourceSpec[]>;
  listAiEngines(q?: { jobType?: 'train' | 'inference' }): Promise<AiEngine[]>;
  listTrainingJobs(q?: { perPage?: number; page?: number }): Promise<JobList>;
}

export interface AccountSettings {
  /** How old the flavors and engines may get before they are read again; default 5 min. */
  catalogRefreshMs?: number;
  /** Least time between two reads prompted by a miss (an unknown flavor or engine) or after a failed read; default 10 s. */
  missRefreshMs?: number;
  /** How long a quota someone read counts as current; default 5 min. */
  quotaFreshMs?: number;
  now?: () => number;
}

interface Catalog {
  specs: ResourceSpec[];
  engines: AiEngine[];
  refreshedAtMs: number;
}

/** Kept in memory this long before Redis is asked again: a claim per job must not cost a Redis read each. */
const QUOTA_MEMO_MS = 5_000;

/**
 * What the ModelArts account offers: its training flavors and engines (§2.10, §2.11), cached and
 * checked at intake, and its quota (§6.3), shared through Redis and applied to MAX_ACTIVE_JOBS.
 * Nothing here ever blocks intake: when ModelArts cannot be asked, jobs are accepted unchecked and
 * ModelArts' own refusal fails them with its code.
 */
export class AccountSystem {
  private cache: Catalog | null = null;
  private inflight: Promise<Catalog | null> | null = null;
  private lastAttemptMs = Number.NEGATIVE_INFINITY;
  private quotaMemo: { value: AccountQuota | null; atMs: number } | null = null;
  private appliedCap: number | null = null;
  private readonly now: () => number;

  constructor(
    private readonly ctx: IntentContext,
    private readonly reads: ModelArtsReads,
    private readonly client: AccountClient | null,
    private readonly settings: AccountSettings = {},
  ) {
    this.now = settings.now ?? Date.now;
  }

  /** `GET /v1/modelarts/specs`: the cached flavors; 503 when they could never be read. */
  async specs(): Promise<CatalogList<ResourceSpecRecord>> {
    const catalog = await this.required();
    return { items: catalog.specs.map(toSpecRecord), refreshed_at: new Date(catalog.refreshedAtMs).toISOString() };
  }

  /** `GET /v1/modelarts/engines`: the cached engines; 503 when they could never be read. */
  async engines(): Promise<CatalogList<EngineRecord>> {
    const catalog = await this.required();
    return { items: catalog.engines.map(toEngineRecord), refreshed_at: new Date(catalog.refreshedAtMs).toISOString() };
  }

  /**
   * The resource fields of a training job against the account: `spec_id` one of its flavors,
   * `engine_id` one of its engines, `worker_server_num` at most the flavor's `max_num`. A miss reads
   * the lists again first (a flavor added since). `at` places the body (`training_job`). No lists,
   * no issues.
   */
  async checkTrainingJob(job: TrainingJobBody, at: string): Promise<FieldIssue[]> {
    const catalog = await this.catalog();
    if (!catalog) return [];
    const first = resourceIssues(catalog, job, at);
    if (first.length === 0) return first;
    const fresh = await this.catalog({ miss: true });
    return fresh && fresh !== catalog ? resourceIssues(fresh, job, at) : first;
  }

  /** Records what a list call said (the poller lists every tick), for every role to apply. */
  async observeQuota(list: Pick<JobList, 'quotas' | 'jobCountLimit'>): Promise<void> {
    const quota = { quotas: list.quotas, jobCountLimit: list.jobCountLimit, observedAtMs: this.now() };
    this.quotaMemo = { value: quota, atMs: quota.observedAtMs };
    await this.ctx.queues.writeAccountQuota(quota);
  }

  /** The account's quota as last read by anyone; asks ModelArts when nobody has lately. Null when unknown. */
  async quota(): Promise<AccountQuota | null> {
    const nowMs = this.now();
    if (this.quotaMemo && nowMs - this.quotaMemo.atMs < QUOTA_MEMO_MS) return this.quotaMemo.value;
    let value = await this.ctx.queues.readAccountQuota().catch(() => null);
    if ((!value || nowMs - value.observedAtMs > (this.settings.quotaFreshMs ?? 300_000)) && this.client) value = (await this.askQuota()) ?? value;
    this.quotaMemo = { value, atMs: nowMs };
    return value;
  }

  /**
   * MAX_ACTIVE_JOBS, or the account's `quotas` (§6.3: the cap on jobs that run at once) when that is
   * lower; logged once each time the cap in force changes.
   */
  async maxActiveJobs(configured: number): Promise<number> {
    const quota = await this.quota().catch(() => null);
    const limit = quota?.quotas ?? null;
    const cap = limit !== null && limit > 0 ? Math.min(configured, limit) : configured;
    if (cap !== this.appliedCap) {
      const lower = cap < configured;
      this.ctx.logger.info(
        { maxActiveJobs: configured, accountQuota: limit, applied: cap },
        lower ? 'the ModelArts account quota is below MAX_ACTIVE_JOBS; applying the quota' : 'applying MAX_ACTIVE_JOBS',
      );
      this.appliedCap = cap;
    }
    return cap;
  }

  private async askQuota(): Promise<AccountQuota | null> {
    try {
      const list = await this.reads.call('quota', () => this.client!.listTrainingJobs({ perPage: 1, page: 1 }));
      await this.observeQuota(list);
      return this.quotaMemo!.value;
    } catch (err) {
      this.ctx.logger.warn({ err }, 'could not read the ModelArts account quota; MAX_ACTIVE_JOBS alone applies for now');
      return null;
    }
  }

  private async required(): Promise<Catalog> {
    const catalog = await this.catalog();
    if (!catalog) throw new ServiceUnavailableError("The ModelArts account's flavors and engines could not be read yet; retry shortly");
    return catalog;
  }

  /**
   * The lists, read again when older than `catalogRefreshMs` (in the background: the old ones serve
   * meanwhile) or on a miss. A failed read keeps the old lists, and waits `missRefreshMs` before the
   * next try, so a ModelArts outage costs one call per interval, not one per request.
   */
  private async catalog(options: { miss?: boolean } = {}): Promise<Catalog | null> {
    const nowMs = this.now();
    const stale = !this.cache || nowMs - this.cache.refreshedAtMs > (this.settings.catalogRefreshMs ?? 300_000);
    if (!stale && !options.miss) return this.cache;
    if (this.inflight) return this.cache && !options.miss ? this.cache : this.inflight;
    if (nowMs - this.lastAttemptMs < (this.settings.missRefreshMs ?? 10_000)) return this.cache;
    const refresh = this.refresh();
    return this.cache && !options.miss ? this.cache : refresh;
  }

  private refresh(): Promise<Catalog | null> {
    if (!this.client) return Promise.resolve(null);
    const client = this.client;
    this.lastAttemptMs = this.now();
    this.inflight = (async () => {
      try {
        const specs = await this.reads.call('specs', () => client.listResourceSpecs({ jobType: 'train' }));
        const engines = await this.reads.call('engines', () => client.listAiEngines({ jobType: 'train' }));
        this.cache = { specs, engines, refreshedAtMs: this.now() };
      } catch (err) {
        this.ctx.logger.warn(
          { err, cachedSince: this.cache ? new Date(this.cache.refreshedAtMs).toISOString() : null },
          "could not read the ModelArts account's flavors and engines; intake is not checked against them until they can be read",
        );
      } finally {
        this.inflight = null;
      }
      return this.cache;
    })();
    return this.inflight;
  }
}

function resourceIssues(catalog: Catalog, job: TrainingJobBody, at: string): FieldIssue[] {
  const config = job.config;
  const path = (field: string) => joinPath(joinPath(at, 'config'), field);
  const issues: FieldIssue[] = [];
  const spec = config.spec_id === undefined ? undefined : catalog.specs.find((s) => s.specId === String(config.spec_id));
  if (config.spec_id !== undefined && !spec) {
    issues.push({ path: path('spec_id'), message: `must be one of the account's training flavors: ${catalog.specs.map(describeSpec).join('; ')}` });
  }
  if (config.engine_id !== undefined && !catalog.engines.some((e) => e.engineId === String(config.engine_id))) {
    issues.push({ path: path('engine_id'), message: `must be one of the account's engines: ${catalog.engines.map(describeEngine).join('; ')}` });
  }
  if (spec?.maxNum != null && config.worker_server_num > spec.maxNum) {
    issues.push({ path: path('worker_server_num'), message: `must be at most ${spec.maxNum}, the max_num of flavor ${spec.specId} (${spec.specCode})` });
  }
  return issues;
}

function describeSpec(spec: ResourceSpec): string {
  const extra = [spec.maxNum === null ? null : `max ${spec.maxNum} workers`, spec.noResource ? 'no capacity now' : null].filter(Boolean);
  return `${spec.specId} (${spec.specCode}${extra.length ? `, ${extra.join(', ')}` : ''})`;
}

function describeEngine(engine: AiEngine): string {
  return `${engine.engineId} (${engine.engineName}${engine.engineVersion ? ` ${engine.engineVersion}` : ''})`;
}

function toSpecRecord(spec: ResourceSpec): ResourceSpecRecord {
  return {
    spec_id: spec.specId,
    spec_code: spec.specCode,
    core: spec.core,
    cpu: spec.cpu,
    gpu_num: spec.gpuNum,
    gpu_type: spec.gpuType,
    max_num: spec.maxNum,
    storage: spec.storage,
    no_resource: spec.noResource,
  };
}

function toEngineRecord(engine: AiEngine): EngineRecord {
  return { engine_id: engine.engineId, engine_name: engine.engineName, engine_version: engine.engineVersion, engine_type: engine.engineType };
}
