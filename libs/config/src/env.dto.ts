import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, IsUrl, Matches, Max, Min, MinLength } from 'class-validator';

const toInt = ({ value }: { value: unknown }) => (typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : value);
const toBool = ({ value }: { value: unknown }) =>
  typeof value === 'string'
    ? ['1', 'true', 'yes'].includes(value.toLowerCase())
      ? true
      : ['0', 'false', 'no', ''].includes(value.toLowerCase())
        ? false
        : value
    : value;
const URL_OPTS = { require_tld: false, require_protocol: true, protocols: ['http', 'https'] };

/** The process environment as jobgate reads it; every variable is documented in .env.example. */
export class EnvDto {
  @IsOptional() @Transform(toInt) @IsInt() @Min(0) @Max(65535) PORT?: number;
  @IsOptional() @Transform(toInt) @IsInt() @Min(0) @Max(65535) HEALTH_PORT?: number;
  @IsOptional() @IsString() @Matches(/^rediss?:\/\//, { message: 'must be a redis:// or rediss:// URL' }) REDIS_URL?: string;
  @IsOptional() @IsString() @Matches(/^postgres(ql)?:\/\//, { message: 'must be a postgres:// URL' }) DATABASE_URL?: string;
  @IsOptional() @IsString() @Matches(/^[a-z_][a-z0-9_]{0,62}$/, { message: 'must be a lower-case SQL identifier' }) DATABASE_SCHEMA?: string;
  @IsOptional() @Transform(toInt) @IsInt() @Min(1) @Max(1_000) DATABASE_POOL_SIZE?: number;
  @IsOptional()
  @IsString()
  @Matches(/^[^\s,]+:\d{1,5}(\s*,\s*[^\s,]+:\d{1,5})*$/, { message: 'must be comma-separated host:port entries' })
  REDIS_CLUSTER_NODES?: string;
  @IsOptional() @IsString() REDIS_USERNAME?: string;
  @IsOptional() @IsString() REDIS_PASSWORD?: string;
  @IsOptional() @Transform(toBool) @IsBoolean() REDIS_TLS?: boolean;
  @IsOptional() @IsString() REDIS_TLS_CA_FILE?: string;
  @IsOptional()
  @IsString()
  // At most one `{tag}` (a Redis Cluster hash tag), never empty: Redis hashes the first `{…}` only when it holds something.
  @Matches(/^[A-Za-z0-9_.:-]*(\{[A-Za-z0-9_.:-]+\}[A-Za-z0-9_.:-]*)?$/, { message: 'must be of letters, digits, _ . : - with at most one {hash tag}' })
  @Matches(/^.{1,64}$/, { message: 'must be 1-64 characters' })
  QUEUE_PREFIX?: string;
  @IsOptional() @IsString() API_KEYS?: string;
  @IsOptional() @Transform(toBool) @IsBoolean() AUTH_DISABLED?: boolean;
  @IsOptional() @IsUrl(URL_OPTS) MODELARTS_ENDPOINT?: string;
  @IsOptional() @IsString() @MinLength(1) MODELARTS_PROJECT_ID?: string;
  @IsOptional() @IsString() MODELARTS_AK?: string;
  @IsOptional() @IsString() MODELARTS_SK?: string;
  @IsOptional() @IsUrl(URL_OPTS) IAM_ENDPOINT?: string;
  @IsOptional() @IsString() IAM_USERNAME?: string;
  @IsOptional() @IsString() IAM_PASSWORD?: string;
  @IsOptional() @IsString() IAM_DOMAIN_NAME?: string;
  @IsOptional() @IsString() IAM_PROJECT_NAME?: string;
  @IsOptional() @Transform(toInt) @IsInt() @Min(1) @Max(100_000) SUBMIT_RATE_LIMIT?: number;
  @IsOptional() @Transform(toInt) @IsInt() @Min(1) @Max(100) SUBMIT_MAX_ATTEMPTS?: number;
  @IsOptional() @Transform(toInt) @IsInt() @Min(1) @Max(1_000) SUBMIT_CONCURRENCY?: number;
  @IsOptional() @IsIn(['fair', 'fifo']) DISPATCH_POLICY?: string;
  @IsOptional()
  @IsString()
  @Matches(/^\s*(outbox:before-publish)(\s*,\s*(outbox:before-publish))*\s*$/, { message: 'must list known failpoints: outbox:before-publish' })
  FAILPOINTS?: string;
  @IsOptional() @Transform(toInt) @IsInt() @Min(1) @Max(100_000) DISPATCH_WINDOW?: number;
  @IsOptional() @Transform(toInt) @IsInt() @Min(10) @Max(60_000) DISPATCH_INTERVAL_MS?: number;
  @IsOptional() @Transform(toInt) @IsInt() @Min(1) @Max(1_000_000) MAX_ACTIVE_JOBS?: number;
  @IsOptional() @Transform(toInt) @IsInt() @Min(1) @Max(10_000) MODELARTS_READ_RATE_LIMIT?: number;
  @IsOptional() @Transform(toInt) @IsInt() @Min(10_000) @Max(86_400_000) MODELARTS_CATALOG_REFRESH_MS?: number;
  @IsOptional() @Transform(toInt) @IsInt() @Min(100) @Max(3_600_000) POLL_INTERVAL_MS?: number;
  @IsOptional() @Transform(toInt) @IsInt() @Min(1_000) PENDING_TIMEOUT_MS?: number;
  @IsOptional() @Transform(toInt) @IsInt() @Min(0) @Max(30 * 86_400) WEBHOOK_SECRET_OVERLAP_S?: number;
  @IsOptional() @IsString() @Matches(/^whsec_[A-Za-z0-9+/=]{16,}$/, { message: 'must be whsec_ followed by a base64 secret' }) WEBHOOK_SECRET?: string;
  @IsOptional() @IsUrl(URL_OPTS) WEBHOOK_URL?: string;
  @IsOptional() @IsUrl(URL_OPTS) PUBLIC_URL?: string;
  @IsOptional()
  @IsString()
  @Matches(/^\s*\d+(\s*,\s*\d+)*\s*$/, { message: 'must be comma-separated seconds, e.g. 5,300,1800' })
  WEBHOOK_RETRY_SCHEDULE?: string;
  @IsOptional() @IsString() WEBHOOK_ALLOWED_CIDRS?: string;
  @IsOptional() @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']) LOG_LEVEL?: string;
  @IsOptional() @Transform(toInt) @IsInt() @Min(0) @Max(1_000_000) API_RATE_LIMIT?: number;
  @IsOptional() @Transform(toBool) @IsBoolean() METRICS_ENABLED?: boolean;
  @IsOptional() @Transform(toInt) @IsInt() @Min(1_000) @Max(600_000) SHUTDOWN_TIMEOUT_MS?: number;
}
