export { loadConfig, DEFAULT_WEBHOOK_RETRY_SCHEDULE } from './load-config';
export type { ConfigResult } from './load-config';
export type { JobgateConfig, ModelArtsConfig } from './jobgate-config';
