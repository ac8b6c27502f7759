export { loadConfig, DEFAULT_DATABASE_URL, DEFAULT_REDIS_URL, DEFAULT_WEBHOOK_RETRY_SCHEDULE } from './load-config';
export { readEnvFile } from './read-env-file';
export type { ConfigResult } from './load-config';
export type { JobgateConfig, ModelArtsConfig, RedisClusterConfig } from './jobgate-config';
