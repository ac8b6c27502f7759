/**
 * One jest run covers unit tests (next to the code), integration tests (*.int.test.ts, real Redis and
 * PostgreSQL) and end-to-end tests (test/, real processes against the simulator).
 * `@jobgate/*` resolves to each package's TypeScript source so tests never run stale builds;
 * end-to-end tests spawn the built `dist/` processes, which `npm test` builds first (pretest).
 */
const tsJest = ['ts-jest', { tsconfig: 'tsconfig.json', diagnostics: false }];
const shared = {
  transform: { '^.+\\.ts$': tsJest },
  moduleNameMapper: {
    // The light entry point of contracts (package.json `exports`), as the CLI and the dashboard import it.
    '^@jobgate/contracts/records$': '<rootDir>/libs/contracts/src/records',
    '^@jobgate/(errors|config|logging|contracts|client|modelarts|store|queues|webhooks|lifecycle|health|metrics)$': '<rootDir>/libs/$1/src',
    '^@jobgate/(simulator|api|worker|poller|cli|standalone)$': '<rootDir>/apps/$1/src',
  },
  setupFiles: ['reflect-metadata'],
  testEnvironment: 'node',
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
};
/**
 * The fault-injection suite (test/faults) takes minutes and restarts its own servers, so it runs only
 * when asked for by name: `npm run test:faults` (`--selectProjects faults`) or a path under test/faults.
 * A plain `jest` / `npm test` does not even define the project.
 */
const faultsRequested = process.argv.slice(2).some((arg) => /(^|[=,])faults$/.test(arg) || arg.includes('test/faults'));
const faults = { ...shared, displayName: 'faults', testMatch: ['<rootDir>/test/faults/**/*.faults.test.ts'] };
/**
 * `npm run test:scale` (`--selectProjects scale`): the end-to-end suites that exercise every role's
 * use of Redis and PostgreSQL, again on a real Redis Cluster and behind a real PgBouncer in
 * transaction mode, both started by test/scale/global-setup.ts. Defined only when asked for by name.
 */
const SCALE_SUITES = [
  'core',
  'submission',
  'exactly-once',
  'lifecycle',
  'lifecycle-polling',
  'webhooks',
  'teams',
  'fair-share',
  'sweeps',
  'outbox-crash',
  'modelarts-account',
];
const scaleRequested = process.argv.slice(2).some((arg) => /(^|[=,])scale$/.test(arg));
const scale = {
  ...shared,
  displayName: 'scale',
  testMatch: SCALE_SUITES.map((name) => `<rootDir>/test/${name}.e2e.test.ts`),
  globalSetup: '<rootDir>/test/scale/global-setup.ts',
  globalTeardown: '<rootDir>/test/scale/global-teardown.ts',
};
module.exports = {
  // A leaked socket must never hold a CI run open until its time limit.
  forceExit: true,
  testTimeout: 180_000,
  projects: [
    { ...shared, displayName: 'unit', testMatch: ['<rootDir>/{libs,apps}/*/src/**/*.test.ts'], testPathIgnorePatterns: ['\\.int\\.test\\.ts$'] },
    { ...shared, displayName: 'integration', testMatch: ['<rootDir>/{libs,apps}/*/src/**/*.int.test.ts'] },
    { ...shared, displayName: 'e2e', testMatch: ['<rootDir>/test/**/*.test.ts'], testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/faults/'] },
    ...(faultsRequested ? [faults] : []),
    ...(scaleRequested ? [scale] : []),
  ],
  // The fault scenarios' counts, printed after jest's own summary so they are the run's last lines.
  reporters: faultsRequested ? ['default', '<rootDir>/test/faults/support/summary-reporter.js'] : ['default'],
};
