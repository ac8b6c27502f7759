import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';

export interface RedisServerOptions {
  /** Path of the redis-server executable. */
  binary: string;
  port: number;
  /** Its working directory: the append-only file lives here, so queues survive a restart. */
  dir: string;
  /** Every line redis-server prints. */
  onLog: (line: string) => void;
}

export interface RunningRedisServer {
  url: string;
  /** SIGTERM: redis-server syncs its append-only file and exits. */
  stop(): Promise<void>;
}

/** A redis-server of `npm start`'s own, on 127.0.0.1 only, with its data in `dir`. */
export async function startRedisServer(options: RedisServerOptions): Promise<RunningRedisServer> {
  mkdirSync(options.dir, { recursive: true });
  const child = spawn(
    options.binary,
    [
      '--port',
      String(options.port),
      '--bind',
      '127.0.0.1',
      '--dir',
      options.dir,
      // The AOF keeps delayed webhook retries and throttled jobs across restarts; no RDB snapshots.
      '--appendonly',
      'yes',
      '--save',
      '',
      // BullMQ must never lose keys to eviction.
      '--maxmemory-policy',
      'noeviction',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await whenReady(child, options.onLog);
  return {
    url: `redis://127.0.0.1:${options.port}`,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

function whenReady(child: ChildProcess, onLog: (line: string) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    let last = '';
    const onData = (chunk: Buffer) => {
      for (const line of chunk
        .toString()
        .split('\n')
        .filter((l) => l.trim())) {
        last = line;
        onLog(line);
        if (line.includes('Ready to accept connections')) resolve();
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`redis-server exited with code ${code} before it was ready: ${last}`)));
  });
}
