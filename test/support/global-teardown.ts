export default async function globalTeardown(): Promise<void> {
  for (const container of globalThis.__JOBGATE_CONTAINERS__ ?? []) await container.stop();
}
