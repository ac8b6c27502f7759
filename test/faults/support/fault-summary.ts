/**
 * Each scenario's counts, printed when it ends and appended to a file that summary-reporter.js
 * prints again, with a total, as the very last lines of the run.
 */
import { appendFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { FaultCounts } from './fault-audit';

/** Shared with summary-reporter.js, which empties it when a run starts. */
const SUMMARY_FILE = join(__dirname, '../../../test-output/faults-summary.jsonl');

export function reportScenario(scenario: string, counts: FaultCounts): void {
  const line = `${scenario}: ${formatCounts(counts)}`;
  process.stdout.write(
    `\n[faults] ${line}\n${counts.mismatches
      .slice(0, 20)
      .map((m) => `  mismatch ${m}\n`)
      .join('')}`,
  );
  mkdirSync(dirname(SUMMARY_FILE), { recursive: true });
  appendFileSync(SUMMARY_FILE, `${JSON.stringify({ scenario, ...counts, mismatches: counts.mismatches.length })}\n`);
}

function formatCounts(c: Pick<FaultCounts, 'submitted' | 'duplicates' | 'lost' | 'webhooksMissing'>): string {
  return `submitted ${c.submitted}, duplicates ${c.duplicates}, lost ${c.lost}, webhooks missing ${c.webhooksMissing}`;
}
