import type { DeliveryAttemptRecord, DeliveryRecord } from '@jobgate/contracts/records';
import { renderTable, shortTime } from './table';

/**
 * `jobgate deliveries <job id>`: each webhook event on a line of its own (id, type, where it stands,
 * where it goes), then its delivery attempts as an indented table, a blank line between events.
 */
export function renderDeliveries(deliveries: readonly DeliveryRecord[]): string {
  return deliveries.map((d) => [renderDeliveryLine(d), ...renderAttempts(d.attempts).map((line) => `  ${line}`)].join('\n')).join('\n\n');
}

/** `msg_…  job.succeeded  pending (2 attempts), next attempt 2024-05-01 12:00:09  → https://…` */
export function renderDeliveryLine(delivery: DeliveryRecord): string {
  return `${delivery.id}  ${delivery.type}  ${describeState(delivery)}  → ${delivery.url}`;
}

function describeState(d: DeliveryRecord): string {
  const attempts = `${d.attempt_count} attempt${d.attempt_count === 1 ? '' : 's'}`;
  switch (d.status) {
    case 'delivered':
      return `delivered (${attempts})${d.delivered_at ? ` at ${shortTime(d.delivered_at)}` : ''}`;
    case 'pending':
      return `pending (${attempts})${d.next_attempt_at ? `, next attempt ${shortTime(d.next_attempt_at)}` : ''}`;
    case 'gone':
      return `gone: the receiver answered 410 (${attempts})`;
    default:
      return `${d.status} (${attempts})${d.last_error ? `: ${d.last_error}` : ''}`;
  }
}

/** One row per send: when, the HTTP status (none: no answer), how long it took, and the error. */
function renderAttempts(attempts: readonly DeliveryAttemptRecord[]): string[] {
  if (attempts.length === 0) return ['no attempt yet'];
  const rows = attempts.map((a) => [
    String(a.attempt),
    shortTime(a.attempted_at) ?? '',
    a.status_code === null ? 'none' : String(a.status_code),
    `${a.latency_ms} ms`,
    a.error ?? '-',
  ]);
  return renderTable(['ATTEMPT', 'AT (UTC)', 'HTTP', 'LATENCY', 'ERROR'], rows).split('\n');
}
