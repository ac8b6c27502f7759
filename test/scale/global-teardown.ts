import baseTeardown from '../support/global-teardown';

export default async function scaleTeardown(): Promise<void> {
  const scale = globalThis.__JOBGATE_SCALE__;
  await scale?.bouncer.stop();
  await scale?.cluster.stop();
  await baseTeardown();
}
