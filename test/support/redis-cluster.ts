/**
 * A real Redis Cluster of a test's own: `redis-server --cluster-enabled yes` processes in a temp
 * directory, joined with `redis-cli --cluster create`. No persistence, so a killed master's data
 * survives only on its replica, as in a cluster without AOF.
 */
import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface RedisClusterOptions {
  /** First port; node i listens on basePort + i (its cluster bus on that + 10000). */
  basePort: number;
  /** Masters (slot owners); default 3, the least `redis-cli --cluster create` accepts. */
  masters?: number;
  /** Replicas of each master; default 0. */
  replicasPerMaster?: number;
  /** cluster-node-timeout: how long until a silent node counts as failed; default 2000 ms. */
  nodeTimeoutMs?: number;
  /** requirepass and masterauth on every node; default none. */
  password?: string;
  /** TLS only (no plain port), between nodes too; the files are PEM. Default plain TCP. */
  tls?: { certFile: string; keyFile: string; caFile: string };
}

export interface RunningRedisCluster {
  /** `127.0.0.1:p1,127.0.0.1:p2,…`, masters first: a REDIS_CLUSTER_NODES value. */
  nodes: string;
  /** SIGKILLs a master (default the first); with replicas, waits until one took over and the cluster is ok. */
  killMaster(index?: number): Promise<void>;
  stop(): Promise<void>;
}

export async function startRedisCluster(options: RedisClusterOptions): Promise<RunningRedisCluster> {
  const masters = options.masters ?? 3;
  const replicas = options.replicasPerMaster ?? 0;
  const ports = Array.from({ length: masters * (1 + replicas) }, (_, i) => options.basePort + i);
  const dir = await mkdtemp(join(tmpdir(), 'jobgate-cluster-'));
  const children = new Map<number, ChildProcess>();
  const cli = redisCli(options);
  const stop = async () => {
    await Promise.all([...children.values()].map(kill));
    children.clear();
    await rm(dir, { recursive: true, force: true });
  };
  try {
    await Promise.all(ports.map(async (port) => children.set(port, await startNode(port, dir, options))));
    const addresses = ports.map((p) => `127.0.0.1:${p}`);
    await cli(['--cluster', 'create', ...addresses, '--cluster-replicas', String(replicas), '--cluster-yes']);
    await waitFor(async () => (await Promise.all(ports.map((p) => clusterState(cli, p)))).every((s) => s === 'ok'), 'cluster_state:ok on every node');
  } catch (err) {
    await stop();
    throw err;
  }
  const initial = await roles(cli, ports[0]!);
  return {
    nodes: [...initial.masters, ...initial.replicas].map((p) => `127.0.0.1:${p}`).join(','),
    async killMaster(index = 0) {
      const alive = [...children.keys()];
      const { masters: now } = await roles(cli, alive[0]!);
      const port = now[index];
      if (port === undefined) throw new Error(`no master #${index} (masters: ${now.join(', ')})`);
      await kill(children.get(port)!);
      children.delete(port);
      if (replicas === 0) return;
      const survivor = [...children.keys()][0]!;
      await waitFor(async () => {
        const after = (await roles(cli, survivor)).masters;
        return !after.includes(port) && after.length === now.length;
      }, `a replica of ${port} promoted`);
      await waitFor(async () => (await clusterState(cli, survivor)) === 'ok', 'cluster_state:ok after the failover');
    },
    stop,
  };
}

function startNode(port: number, dir: string, options: RedisClusterOptions): Promise<ChildProcess> {
  const listen = options.tls ? ['--port', '0', '--tls-port', String(port), '--tls-cluster', 'yes', '--tls-replication', 'yes'] : ['--port', String(port)];
  // Clients need no certificate of their own (jobgate presents none); the nodes use the server one between them.
  const tls = options.tls
    ? [
        '--tls-cert-file',
        options.tls.certFile,
        '--tls-key-file',
        options.tls.keyFile,
        '--tls-ca-cert-file',
        options.tls.caFile,
        '--tls-auth-clients',
        'optional',
      ]
    : [];
  const auth = options.password ? ['--requirepass', options.password, '--masterauth', options.password] : [];
  const args = [
    ...listen,
    ...tls,
    ...auth,
    ['--bind', '127.0.0.1'],
    ['--cluster-enabled', 'yes'],
    ['--cluster-config-file', join(dir, `nodes-${port}.conf`)],
    ['--cluster-node-timeout', String(options.nodeTimeoutMs ?? 2_000)],
    ['--dir', dir],
    ['--save', ''],
    ['--appendonly', 'no'],
  ].flat();
  const child = spawn('redis-server', args, { stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise<ChildProcess>((resolve, reject) => {
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Ready to accept connections')) resolve(child);
    });
    child.once('exit', (code) => reject(new Error(`redis-server on ${port} exited with ${code}: ${output.slice(-500)}`)));
  });
}

function redisCli(options: RedisClusterOptions): (args: string[], port?: number) => Promise<string> {
  const common = [
    ...(options.tls ? ['--tls', '--cacert', options.tls.caFile, '--cert', options.tls.certFile, '--key', options.tls.keyFile] : []),
    ...(options.password ? ['--no-auth-warning', '-a', options.password] : []),
  ];
  return async (args, port) => {
    const target = port === undefined ? [] : ['-h', '127.0.0.1', '-p', String(port)];
    const { stdout } = await run('redis-cli', [...common, ...target, ...args], { timeout: 30_000 });
    return stdout;
  };
}

async function clusterState(cli: ReturnType<typeof redisCli>, port: number): Promise<string> {
  const info = await cli(['cluster', 'info'], port).catch(() => '');
  return /cluster_state:(\w+)/.exec(info)?.[1] ?? 'unknown';
}

/** Ports of the masters holding slots and of the replicas, as one node sees them (failed nodes left out). */
async function roles(cli: ReturnType<typeof redisCli>, port: number): Promise<{ masters: number[]; replicas: number[] }> {
  const masters: number[] = [];
  const replicas: number[] = [];
  for (const line of (await cli(['cluster', 'nodes'], port)).split('\n').filter(Boolean)) {
    const [, address, flags] = line.split(' ');
    const nodePort = Number(/:(\d+)@/.exec(address ?? '')?.[1]);
    if (flags?.includes('fail')) continue;
    if (flags?.includes('master')) masters.push(nodePort);
    else if (flags?.includes('slave')) replicas.push(nodePort);
  }
  return { masters: masters.sort((a, b) => a - b), replicas: replicas.sort((a, b) => a - b) };
}

async function waitFor(condition: () => Promise<boolean>, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await condition().catch(() => false)) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`Redis Cluster: timed out waiting for ${what}`);
}

async function kill(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;
}
