export { JobgateMetrics } from './jobgate-metrics';
export type { EndedStatus, HttpRequest, JobgateMetricsOptions, ModelArtsCall } from './jobgate-metrics';
export type { QueueDepths, ScrapeSources } from './scrape-gauges';
