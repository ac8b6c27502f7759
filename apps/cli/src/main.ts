#!/usr/bin/env node
import { processOutput } from './output';
import { runCli } from './run-cli';

// Ctrl-C during --watch/--wait: end the progress line so the shell prompt starts on its own line.
process.once('SIGINT', () => {
  if (process.stdout.isTTY) process.stdout.write('\n');
  process.exit(130);
});

// Exit once stdout has drained: a piped `--json` document must not be cut short by process.exit().
runCli(process.argv.slice(2), { env: process.env, output: processOutput() }).then((code) => {
  process.exitCode = code;
});
