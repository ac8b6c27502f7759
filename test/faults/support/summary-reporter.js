/**
 * Jest reporter for the fault-injection suite: prints each scenario's counts and their total as the
 * last lines of `npm run test:faults`. The scenarios append one JSON line each to the summary file
 * (fault-summary.ts); a run that ran none prints nothing.
 */
const { existsSync, readFileSync, rmSync, writeSync } = require('node:fs');
const { join } = require('node:path');

const SUMMARY_FILE = join(__dirname, '../../../test-output/faults-summary.jsonl');

class FaultSummaryReporter {
  onRunStart() {
    rmSync(SUMMARY_FILE, { force: true }); // never report a previous run's scenarios
  }

  onRunComplete(_contexts, results) {
    const rows = existsSync(SUMMARY_FILE)
      ? readFileSync(SUMMARY_FILE, 'utf8')
          .split('\n')
          .filter(Boolean)
          .map((line) => JSON.parse(line))
      : [];
    const silent = results.numTotalTestSuites - rows.length;
    if (rows.length === 0 && silent === 0) return;
    const total = { submitted: 0, duplicates: 0, lost: 0, webhooksMissing: 0, mismatches: 0 };
    for (const row of rows) for (const key of Object.keys(total)) total[key] += row[key];
    const lines = rows.map((row) => `${row.scenario}: ${format(row)}${row.mismatches ? ` (status mismatches ${row.mismatches})` : ''}`);
    if (silent > 0) lines.push(`${silent} scenario file(s) ended before counting (see the failures above)`);
    lines.push(`total: ${format(total)}${total.mismatches ? ` (status mismatches ${total.mismatches})` : ''}`);
    // Jest's own summary reporter always runs after custom ones, and "Ran all test suites" / "Force
    // exiting" come later still: only the exit hook comes after all of them. Jest's exit helper
    // silences process.stdout by then, hence a synchronous write to file descriptor 1.
    const text = `\nFault-injection summary\n${lines.join('\n')}\n`;
    process.once('exit', () => writeSync(1, text));
  }
}

function format(c) {
  return `submitted ${c.submitted}, duplicates ${c.duplicates}, lost ${c.lost}, webhooks missing ${c.webhooksMissing}`;
}

module.exports = FaultSummaryReporter;
