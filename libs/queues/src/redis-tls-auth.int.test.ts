import { spawn, type ChildProcess } from 'node:child_process';
import { createRedis, type CreateRedisOptions } from './connections';
import { JobgateQueues } from './queues';
import { checkRedis } from './redis-ready';
import { createQueueWorker } from './worker-factory';
import { startRedisCluster } from '../../../test/support/redis-cluster';
import { selfSignedTls, type SelfSignedTls } from '../../../test/support/self-signed-tls';
import { uniqueName } from '../../../test/support/services';

const PASSWORD = 'test-redis-password-1';

/** Passwords and TLS (a private CA made with openssl), on one server and on a cluster. Ports 7140-7141, 7150-7152. */
describe('Redis with a password and TLS', () => {
  let tls: SelfSignedTls;
  const servers: ChildProcess[] = [];
  beforeAll(async () => {
    tls = await selfSignedTls();
  });
  afterAll(async () => {
    for (const server of servers) server.kill('SIGKILL');
    await tls.remove();
  });

  it('a single server: redis://:password@ and rediss:// with REDIS_TLS_CA_FILE carry jobs; a wrong password is refused', async () => {
    servers.push(await redisServer(['--port', '7140', '--requirepass', PASSWORD]));
    servers.push(await redisServer(['--port', '0', '--tls-port', '7141', '--requirepass', PASSWORD, ...tlsArgs(tls)]));
    await roundTrip({ url: `redis://:${PASSWORD}@127.0.0.1:7140` });
    await roundTrip({ url: `rediss://default:${PASSWORD}@127.0.0.1:7141`, tlsCaFile: tls.caFile });
    const wrong = createRedis({ url: 'redis://:not-the-password@127.0.0.1:7140', role: 'producer' });
    await expect(wrong.ping()).rejects.toThrow(/WRONGPASS|NOAUTH|closed|not connected|offline/i);
    wrong.disconnect();
    // Without the private CA the server's certificate is not trusted.
    const untrusted = createRedis({ url: `rediss://:${PASSWORD}@127.0.0.1:7141`, role: 'producer' });
    const error = await new Promise<Error>((resolve) => untrusted.once('error', resolve));
    expect(error.message).toMatch(/certificate/i);
    untrusted.disconnect();
  });

  it('a cluster: REDIS_PASSWORD and REDIS_TLS with REDIS_TLS_CA_FILE on every node carry jobs', async () => {
    const cluster = await startRedisCluster({ basePort: 7150, password: PASSWORD, tls });
    try {
      const nodes = cluster.nodes.split(',').map((n) => ({ host: '127.0.0.1', port: Number(n.split(':')[1]) }));
      await roundTrip({ url: '', cluster: { nodes, password: PASSWORD, tls: { caFile: tls.caFile } } });
    } finally {
      await cluster.stop();
    }
  }, 60_000);
});

type Target = Omit<CreateRedisOptions, 'role' | 'onError'>;

/** Connects as `target` says, checks readiness, and sends a job through a queue to a worker on the same Redis. */
async function roundTrip(target: Target): Promise<void> {
  const redis = createRedis({ ...target, role: 'worker' });
  await new Promise((resolve) => (redis.status === 'ready' ? resolve(undefined) : redis.once('ready', resolve)));
  await checkRedis(redis);
  const prefix = target.cluster ? `{${uniqueName('tls')}}` : uniqueName('tls');
  const queues = new JobgateQueues({ connection: redis, prefix });
  const seen: string[] = [];
  const worker = createQueueWorker('webhook', async (job) => void seen.push(job.data.eventId), {
    redisUrl: target.url,
    redisCluster: target.cluster,
    redisTlsCaFile: target.tlsCaFile,
    prefix,
    concurrency: 1,
  });
  try {
    await queues.enqueueWebhooks(['e1']);
    const deadline = Date.now() + 10_000;
    while (seen.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(seen).toEqual(['e1']);
  } finally {
    await worker.close();
    await queues.close();
    redis.disconnect();
  }
}

function tlsArgs(tls: SelfSignedTls): string[] {
  return ['--tls-cert-file', tls.certFile, '--tls-key-file', tls.keyFile, '--tls-ca-cert-file', tls.caFile, '--tls-auth-clients', 'optional'];
}

function redisServer(args: string[]): Promise<ChildProcess> {
  const child = spawn('redis-server', [...args, '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Ready to accept connections')) resolve(child);
    });
    child.once('exit', (code) => reject(new Error(`redis-server exited with ${code}: ${output.slice(-300)}`)));
  });
}
