#!/usr/bin/env node
// The installed `jobgate` command. It lives outside dist/ because npm links a workspace's bin at
// `npm install` time, before the first build: a bin pointing into dist/ would not be linked on a
// fresh clone, and `npx jobgate` would then look for an unrelated package on the registry.
try {
  require.resolve('../dist/main.js');
} catch {
  process.stderr.write('jobgate is not built yet: run `npm run build` at the repository root\n');
  process.exit(70);
}
require('../dist/main.js');
