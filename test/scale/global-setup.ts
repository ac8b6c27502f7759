/**
 * `npm run test:scale`: the end-to-end suites again, on what large deployments run — a Redis Cluster
 * of three masters and PgBouncer in transaction mode in front of the test PostgreSQL, both real and
 * started here (ports 7300-7302 with bus ports 17300-17302, and 6440). Every role of every stack gets
 * REDIS_CLUSTER_NODES and the PgBouncer URL as DATABASE_URL, inherited by the test workers.
 */
import baseSetup from '../support/global-setup';
import { startPgBouncer, type RunningPgBouncer } from '../support/pgbouncer';
import { startRedisCluster, type RunningRedisCluster } from '../support/redis-cluster';

declare global {
  // eslint-disable-next-line no-var
  var __JOBGATE_SCALE__: { cluster: RunningRedisCluster; bouncer: RunningPgBouncer } | undefined;
}

export default async function scaleSetup(): Promise<void> {
  await baseSetup();
  const cluster = await startRedisCluster({ basePort: 7300, masters: 3 });
  const bouncer = await startPgBouncer({ databaseUrl: process.env.DATABASE_URL!, port: 6440 }).catch(async (err) => {
    await cluster.stop();
    throw err;
  });
  globalThis.__JOBGATE_SCALE__ = { cluster, bouncer };
  process.env.REDIS_CLUSTER_NODES = cluster.nodes;
  process.env.DATABASE_URL = bouncer.url;
  process.stdout.write(`\n[scale] Redis Cluster ${cluster.nodes}; PostgreSQL through PgBouncer (transaction mode) at ${bouncer.url}\n`);
}
