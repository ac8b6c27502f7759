import { Writable } from 'node:stream';
import { createLogger } from '@jobgate/logging';
import { startLocalServices } from './local-services';
import { testServices } from '../../../../test/support/services';

/** `npm start` with REDIS_CLUSTER_NODES: the roles use the cluster, so no Redis is looked for or started. */
describe('startLocalServices with a Redis Cluster', () => {
  it('neither probes the default Redis nor starts a redis-server, and says it uses REDIS_CLUSTER_NODES', async () => {
    const lines: string[] = [];
    const destination = new Writable({ write: (chunk, _enc, done) => (lines.push(String(chunk)), done()) });
    const services = await startLocalServices({
      redisClusterNodes: '127.0.0.1:7190',
      databaseUrl: testServices().databaseUrl,
      dataDir: '/nonexistent/jobgate-data',
      // No redis-server on this PATH: starting one would fail.
      searchPath: '/nonexistent',
      logLevel: 'info',
      logger: createLogger({ level: 'info', destination }),
    });
    await services.stop();
    const messages = lines.map((l) => JSON.parse(l).msg as string);
    expect(messages).toContain('Redis: using REDIS_CLUSTER_NODES');
    expect(messages.join('\n')).not.toMatch(/Redis: (using the server answering|nothing answers)/);
  });
});
