/**
 * A Redis server of one fault scenario alone, with the append-only file on, so the scenario can
 * restart it the way an operator would and find every queue entry written before the restart.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './free-port';

const run = promisify(execFile);

export class RedisServer {
  private child: ChildProcess | null = null;
  private exited: Promise<void> = Promise.resolve();
  private launches = 0;

  private constructor(
    readonly port: number,
    private readonly dir: string,
    private readonly logDir: string,
  ) {}

  /** Starts `redis-server` on a free port with AOF in a fresh temporary directory; logs go to `logDir`. */
  static async start(logDir: string): Promise<RedisServer> {
    mkdirSync(logDir, { recursive: true });
    const server = new RedisServer(await freePort(), mkdtempSync(join(tmpdir(), 'jobgate-faults-redis-')), logDir);
    await server.launch();
    return server;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  /**
   * A plain `SHUTDOWN` (never NOSAVE): with appendonly yes Redis fsyncs the AOF before it exits.
   * Then the same port and directory again, after `downMs`, so clients reconnect to the same URL.
   */
  async restart(downMs = 0): Promise<void> {
    await this.shutdown();
    await new Promise((r) => setTimeout(r, downMs));
    await this.launch();
  }

  async stop(): Promise<void> {
    await this.shutdown();
    rmSync(this.dir, { recursive: true, force: true });
  }

  private async launch(): Promise<void> {
    const args = ['--port', String(this.port), '--bind', '127.0.0.1', '--appendonly', 'yes', '--dir', this.dir, '--save', ''];
    const child = spawn('redis-server', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const log = createWriteStream(join(this.logDir, `redis-${this.launches++}.log`));
    child.stdout!.pipe(log);
    child.stderr!.pipe(log);
    this.child = child;
    this.exited = new Promise((resolve) => child.once('exit', () => resolve()));
    await this.untilReady(child);
  }

  /** Ready once it answers PING: after a restart that includes replaying the AOF. */
  private async untilReady(child: ChildProcess): Promise<void> {
    const deadline = Date.now() + 15_000;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`redis-server on port ${this.port} exited with ${child.exitCode} (see ${this.logDir})`);
      const pong = await run('redis-cli', ['-p', String(this.port), 'ping']).then(
        (r) => r.stdout.trim(),
        () => '',
      );
      if (pong === 'PONG') return;
      if (Date.now() > deadline) throw new Error(`redis-server on port ${this.port} did not answer PING (see ${this.logDir})`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  private async shutdown(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    // redis-cli reports the connection closing under it as an error; the exit is what counts.
    await run('redis-cli', ['-p', String(this.port), 'shutdown']).catch(() => undefined);
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await this.exited;
    clearTimeout(timer);
    this.child = null;
  }
}
