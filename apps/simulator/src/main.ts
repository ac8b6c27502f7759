import { createSimulator } from './server';
import { readSimulatorEnv } from './simulator-env';

// The simulator has no logger dependency on purpose (Node built-ins only); it writes the same
// one-JSON-object-per-line shape the other roles log, so log collectors treat it alike.
function logLine(stream: NodeJS.WriteStream, fields: Record<string, unknown>): void {
  stream.write(`${JSON.stringify({ time: new Date().toISOString(), role: 'simulator', ...fields })}\n`);
}

async function main(): Promise<void> {
  const env = readSimulatorEnv(process.env);
  if (!env.ok) {
    logLine(process.stderr, { level: 'error', msg: 'invalid simulator configuration', problems: env.problems });
    process.exit(1);
  }
  const { port, host, options } = env.config;
  const simulator = createSimulator(options);
  const url = await simulator.listen(port, host);
  const auth = [options.credentials && 'aksk', options.iam && 'token'].filter(Boolean);
  logLine(process.stdout, {
    level: 'info',
    msg: 'simulator listening',
    url,
    project_id: options.projectId ?? 'sim-project',
    auth: auth.length ? auth : 'none',
  });
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      simulator.close().then(
        () => process.exit(0),
        () => process.exit(1),
      );
    });
  }
}

main().catch((err: unknown) => {
  logLine(process.stderr, { level: 'error', msg: 'simulator failed to start', err: { message: err instanceof Error ? err.message : String(err) } });
  process.exit(1);
});
