/**
 * jobgate's layering rules, checked by `npm run lint:deps` (part of `npm run lint`). Each `forbidden` rule is
 * one "never" of the architecture (docs/architecture.md). Rules match resolved file paths, so an import by
 * package name (`@jobgate/store`, resolved through tsconfig.json `paths` to libs/store/src) and one by
 * relative path (`../../libs/store/src/...`) are caught alike.
 *
 * Packages: adapters (libs/modelarts, libs/store, libs/queues, libs/webhooks) talk to one outside system
 * each; libs/lifecycle (`@jobgate/lifecycle`) orchestrates them; the base libs (errors, config, logging,
 * contracts, health, metrics) are shared by all; apps compose libs; apps/standalone composes apps.
 *
 * .dependency-cruiser-known-violations.json lists the errors the tree already had when these rules came in;
 * `lint:deps` ignores exactly those and fails on any new one. Delete an entry when its import is fixed, and
 * the file (with `--ignore-known` in package.json) once it is empty. Do not regenerate it with
 * depcruise-baseline while a rule below is a warning: the baseline would swallow that rule's findings too.
 */
const ADAPTERS = '(modelarts|store|queues|webhooks)';
const BASE_LIBS = '(errors|config|logging|contracts|health|metrics)';

/**
 * Files that still publish to queues or write to the store themselves. Once orchestration lives in
 * libs/lifecycle they must only call it; until it has moved there, the rule below only warns.
 * Tests next to them may still set up and inspect records through the store.
 */
const ORCHESTRATION_CALLERS = ['^apps/api/src/routes/', '^apps/worker/src/processors/', '^apps/poller/src/poll-tick\\.ts$'];

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'adapters-never-import-each-other',
      comment:
        'An adapter (modelarts, store, queues, webhooks) wraps one outside system and knows no other adapter; ' +
        'libs/lifecycle or an app composes them. Import what you need in the composing package instead.',
      severity: 'error',
      from: { path: `^libs/${ADAPTERS}/` },
      to: { path: `^libs/${ADAPTERS}/`, pathNot: '^libs/$1/' },
    },
    {
      name: 'adapters-never-import-lifecycle',
      comment: 'libs/lifecycle sits above the adapters (it calls them); an adapter importing it would make a cycle of the layers.',
      severity: 'error',
      from: { path: `^libs/${ADAPTERS}/` },
      to: { path: '^libs/lifecycle/' },
    },
    {
      name: 'base-libs-never-import-adapters-or-lifecycle',
      comment:
        'errors, config, logging, contracts, health and metrics are used by every package, adapters included; ' +
        'they take callbacks (readiness checks, gauges) rather than importing an adapter or libs/lifecycle.',
      severity: 'error',
      from: { path: `^libs/${BASE_LIBS}/` },
      to: { path: [`^libs/${ADAPTERS}/`, '^libs/lifecycle/'] },
    },
    {
      name: 'simulator-speaks-only-the-wire-protocol',
      comment:
        'apps/simulator stands in for ModelArts: importing any jobgate package (the client, the store, the ' +
        'contracts, even errors) would hide drift between jobgate and the real API. It speaks HTTP only.',
      severity: 'error',
      from: { path: '^apps/simulator/' },
      to: { path: ['^libs/', '^apps/', '^@jobgate/'], pathNot: '^apps/simulator/' },
    },
    {
      name: 'apps-never-import-other-apps',
      comment:
        'Each app is a process of its own; only apps/standalone, which runs them all in one process, imports ' +
        'other apps. Code two apps share belongs in a lib.',
      severity: 'error',
      from: { path: '^apps/([^/]+)/', pathNot: '^apps/standalone/' },
      to: { path: '^apps/([^/]+)/', pathNot: '^apps/$1/' },
    },
    {
      name: 'client-stays-light',
      comment:
        'libs/client (@jobgate/client) is installed by teams and bundled into the dashboard: it is generated types ' +
        'plus openapi-fetch, and must not pull in any other jobgate package or server code at run time.',
      severity: 'error',
      from: { path: '^libs/client/' },
      to: { path: ['^libs/', '^apps/', '^@jobgate/', 'node_modules/'], pathNot: ['^libs/client/', 'node_modules/openapi-fetch/'] },
    },
    {
      name: 'libs-never-import-apps',
      comment: 'Libraries sit below the apps that compose them.',
      severity: 'error',
      from: { path: '^libs/' },
      to: { path: '^apps/' },
    },
    {
      name: 'no-deep-imports',
      comment:
        'Another package is used through its entry point `@jobgate/<name>` (its src/index.ts) only, never a file ' +
        'inside its src/: the index lists what the package promises. Export what you need from the index. ' +
        'contracts has a second, light entry point (`@jobgate/contracts/records`, no class-validator) for the browser and the CLI.',
      severity: 'error',
      from: { path: '^(apps/[^/]+|libs/[^/]+|test|bench)/' },
      to: { path: '^(apps|libs)/[^/]+/src/', pathNot: ['^$1/', '^(apps|libs)/[^/]+/src/index\\.tsx?$', '^libs/contracts/src/records\\.ts$'] },
    },
    {
      name: 'no-relative-imports-across-packages',
      comment:
        "A package is imported by its name (`@jobgate/store`), not by a path such as '../../libs/store/src/index': " +
        'a path bypasses the package boundary that the build (project references) and these rules rely on.',
      severity: 'error',
      from: { path: '^(apps/[^/]+|libs/[^/]+)/' },
      to: { path: '^(apps|libs)/[^/]+/', pathNot: '^$1/', dependencyTypesNot: ['aliased'] },
    },
    {
      name: 'no-circular',
      comment: 'A cycle makes load order matter and the layers meaningless; split out what both sides need.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'no-unresolvable-jobgate-imports',
      comment:
        'An import that cannot be resolved cannot be checked by the rules above (a typo, a package missing from ' +
        'tsconfig.json paths, or a file that was moved).',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true, path: ['^@jobgate/', '^\\.'] },
    },
    {
      // Becomes "error" once orchestration lives in libs/lifecycle: from then on routes, processors and the
      // poll tick reach the store and the queues only through @jobgate/lifecycle.
      name: 'orchestration-only-through-lifecycle',
      comment:
        'Routes, processors and the poll tick must not write to the store or publish to queues themselves: ' +
        'every state change goes through @jobgate/lifecycle (one owner of every transition, with its outbox).',
      severity: 'error',
      from: { path: ORCHESTRATION_CALLERS, pathNot: '\\.test\\.ts$' },
      to: { path: '^libs/(store|queues)/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['(^|/)(dist|node_modules|test-output)/', '^bench/(dist|results)/'] },
    // Type-only imports count: an `import type` from another layer couples the layers just the same.
    tsPreCompilationDeps: true,
    // tsconfig.json maps `@jobgate/*` to libs/*/src and apps/*/src, so imports resolve to sources even before
    // a build (the workspace symlinks in node_modules/@jobgate point at packages whose `main` is in dist/).
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.d.ts', '.js', '.cjs', '.mjs', '.json'],
      mainFields: ['main', 'types', 'typings'],
    },
  },
};
