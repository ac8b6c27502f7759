export { JobgateMetrics } from './jobgate-metrics';
export type { EndedStatus, JobgateMetricsOptions, ModelArtsCall } from './jobgate-metrics';
export type { QueueDepths, ScrapeSources } from './scrape-gauges';
