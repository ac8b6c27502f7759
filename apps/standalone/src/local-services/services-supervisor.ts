/**
 * The process that runs `npm start`'s own Redis and PostgreSQL. It has a process group of its own,
 * so the Ctrl-C a terminal sends to `npm start` does not reach the servers while the roles are still
 * finishing their work; `npm start` stops it last. When `npm start` dies without stopping it (even
 * SIGKILL), the IPC channel closes and it stops the servers itself: nothing outlives the session.
 */
import { createLogger } from '@jobgate/logging';
import { startEmbeddedPostgres, type RunningPostgres } from './embedded-postgres';
import { startRedisServer, type RunningRedisServer } from './redis-server';
import type { StartMessage, SupervisorReply } from './supervisor-messages';

const running: { redis?: RunningRedisServer; postgres?: RunningPostgres } = {};
let starting: Promise<void> = Promise.resolve();
let stopping: Promise<void> | null = null;

process.once('message', (message: StartMessage) => {
  starting = start(message);
});
process.on('message', (message: { type?: string }) => {
  if (message.type === 'stop') void stopAll(0);
});
process.once('disconnect', () => void stopAll(0));
for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const) process.once(signal, () => void stopAll(0));

async function start(message: StartMessage): Promise<void> {
  const logger = createLogger({ level: message.logLevel, role: 'services' });
  const recent: string[] = [];
  const onLog = (server: string) => (line: string) => {
    recent.push(`${server}: ${line}`);
    if (recent.length > 8) recent.shift();
    logger.debug({ server, line }, 'server output');
  };
  // allSettled: when one fails, the other has finished starting and is stopped, never left behind.
  const [redis, postgres] = await Promise.allSettled([
    message.redis && startRedisServer({ ...message.redis, onLog: onLog('redis-server') }).then((r) => (running.redis = r)),
    message.postgres && startEmbeddedPostgres({ ...message.postgres, onLog: onLog('postgres') }).then((p) => (running.postgres = p)),
  ]);
  if (redis.status === 'fulfilled' && postgres.status === 'fulfilled') {
    return reply({ type: 'ready', redisUrl: redis.value?.url, databaseUrl: postgres.value?.url });
  }
  const failure = [redis, postgres].find((r) => r.status === 'rejected')!.reason as unknown;
  for (const line of recent) logger.error({ line }, 'server output before the failure');
  reply({ type: 'failed', message: failure instanceof Error ? failure.message : String(failure) });
  // Not through stopAll, which waits for this start to end.
  await Promise.allSettled([running.redis?.stop(), running.postgres?.stop()]);
  process.exit(1);
}

function reply(message: SupervisorReply): void {
  if (process.connected) process.send!(message);
}

/**
 * Waits for a start in progress first, so a server still starting is stopped too. Both at once:
 * redis-server writes its append-only file while PostgreSQL checkpoints.
 */
function stopAll(code: number): Promise<void> {
  stopping ??= starting
    .then(() => Promise.all([running.redis?.stop(), running.postgres?.stop()]))
    .then(
      () => process.exit(code),
      (err: unknown) => {
        process.stderr.write(`jobgate services: could not stop a server cleanly: ${err instanceof Error ? err.message : String(err)}\n`);
        process.exit(1);
      },
    );
  return stopping;
}
