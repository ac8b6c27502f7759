import { Router } from 'express';
import type { Lifecycle } from '@jobgate/lifecycle';

export interface ModelArtsRoutesDeps {
  lifecycle: Lifecycle;
}

/**
 * `GET /v1/modelarts/specs` and `GET /v1/modelarts/engines`: the ModelArts account's training flavors
 * (with `max_num` and `no_resource`) and engines as jobgate has them cached, which is what intake
 * checks `spec_id`, `engine_id` and `worker_server_num` against. 503 while they could never be read.
 */
export function modelArtsRoutes(deps: ModelArtsRoutesDeps): Router {
  const router = Router();
  router.get('/specs', async (_req, res) => {
    res.json(await deps.lifecycle.account.specs());
  });
  router.get('/engines', async (_req, res) => {
    res.json(await deps.lifecycle.account.engines());
  });
  return router;
}
