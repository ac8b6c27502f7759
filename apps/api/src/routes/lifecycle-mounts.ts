import type { Router } from 'express';
import type { Lifecycle } from '@jobgate/lifecycle';
import { cancelRoutes } from './cancel.routes';
import { deliveriesRoutes, jobDeliveriesRoutes } from './deliveries.routes';
import { jobHistoryRoutes } from './job-history.routes';
import { jobLogsRoutes } from './job-logs.routes';
import { jobMetricsRoutes } from './job-metrics.routes';
import { jobVersionsRoutes, type JobVersionsRoutesDeps } from './job-versions.routes';
import { modelArtsRoutes } from './modelarts.routes';
import { sweepsRoutes, type SweepsRoutesDeps } from './sweeps.routes';
import { auditRoutes, ownTeamRoutes, teamsRoutes, type TeamsRoutesDeps } from './teams.routes';

/** Every /v1 route beside POST/GET /v1/jobs, as buildApp's `extraRoutes`. */
export function lifecycleMounts(
  deps: SweepsRoutesDeps & TeamsRoutesDeps & Pick<JobVersionsRoutesDeps, 'onAccepted'> & { lifecycle: Lifecycle },
): { path: string; router: Router }[] {
  return [
    // Beside the job routes under /v1/jobs; requests they do not match fall through to these.
    { path: '/jobs', router: cancelRoutes(deps) },
    { path: '/jobs', router: jobDeliveriesRoutes(deps) },
    { path: '/jobs', router: jobHistoryRoutes(deps) },
    { path: '/jobs', router: jobMetricsRoutes(deps) },
    { path: '/jobs', router: jobVersionsRoutes(deps) },
    { path: '/jobs', router: jobLogsRoutes(deps) },
    { path: '/modelarts', router: modelArtsRoutes(deps) },
    { path: '/deliveries', router: deliveriesRoutes(deps) },
    { path: '/sweeps', router: sweepsRoutes(deps) },
    { path: '/teams', router: teamsRoutes(deps) },
    { path: '/team', router: ownTeamRoutes(deps) },
    { path: '/audit', router: auditRoutes(deps) },
  ];
}
