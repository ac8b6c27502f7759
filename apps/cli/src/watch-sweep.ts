import type { SweepDetail, SweepRecord } from '@jobgate/contracts/records';
import type { ApiClient } from './api-client';
import type { OutputStream } from './output';
import { pollUntil } from './poll';
import { fitToWidth, renderProgressLine } from './render/progress-bar';
import { terminalSafe } from './render/terminal-safe';
import { sweepProgress } from './sweep-progress';

export interface WatchSweepOptions {
  client: Pick<ApiClient, 'getSweep'>;
  /** Where the progress goes: redrawn in place when it is a TTY, one line per change otherwise. */
  stream: OutputStream;
  intervalMs: number;
  sleep(ms: number): Promise<void>;
}

/** ANSI: back to the line's start and erase it, so the next draw replaces the last one. */
const REDRAW = '\r\x1b[2K';
const PLAIN_BAR_WIDTH = 20;

/** `sweep --watch`: draws the trials' progress until the sweep ends; returns the final sweep. */
export async function watchSweep(first: SweepRecord, options: WatchSweepOptions): Promise<SweepRecord | SweepDetail> {
  const { stream } = options;
  let lastLine: string | undefined;
  const final = await pollUntil<SweepRecord | SweepDetail>(first, {
    load: () => options.client.getSweep(first.id),
    isDone: (sweep) => sweepProgress(sweep).ended,
    onValue: (sweep) => {
      const line = terminalSafe(progressLine(sweep, stream));
      if (line === lastLine) return;
      lastLine = line;
      stream.write(stream.isTTY ? `${REDRAW}${line}` : `${line}\n`);
    },
    intervalMs: options.intervalMs,
    sleep: options.sleep,
  });
  if (stream.isTTY) stream.write('\n');
  return final;
}

/** On a terminal the bar takes a third of the width (10 to 40 cells), the same on every draw so it does not jump. */
function progressLine(sweep: SweepRecord, stream: OutputStream): string {
  const progress = sweepProgress(sweep);
  const line = `${renderProgressLine(progress, stream.isTTY ? ttyBarWidth(stream.columns) : PLAIN_BAR_WIDTH)}${progress.status ? ` · sweep ${progress.status}` : ''}`;
  return stream.isTTY ? fitToWidth(line, stream.columns) : line;
}

function ttyBarWidth(columns: number): number {
  return Math.min(Math.max(Math.floor(columns / 3), 10), 40);
}
