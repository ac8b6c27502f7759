export { checkReadiness, notReadyProblem } from './readiness';
export type { CheckOutcome, CheckReadinessOptions, HealthCheck, HealthChecks, ReadinessReport } from './readiness';
export { startHealthServer } from './start-health-server';
export type { HealthServer, HealthServerOptions, MetricsText } from './start-health-server';
export { exitGracefully } from './exit-gracefully';
export type { ExitGracefullyOptions, ShutdownLogger } from './exit-gracefully';
