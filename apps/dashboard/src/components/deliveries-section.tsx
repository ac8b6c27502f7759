import { useState } from 'preact/hooks';
import type { DeliveryRecord } from '../api/types';
import { formatTime } from '../lib/format';
import { noDeliveriesText, type WebhookReceiver } from '../lib/webhook-receiver';
import { EmptyState } from './empty-state';
import { RedeliverButton } from './redeliver-button';
import { StatusBadge } from './status-badge';

export interface DeliveriesSectionProps {
  deliveries: DeliveryRecord[];
  /** Refreshes the page's data after a re-send. */
  onChanged: () => void;
  /** Where the job's events go; with none, the section says so instead of "no events yet". */
  receiver: WebhookReceiver;
}

/** The job's webhook events, each with its delivery attempts and a re-send button. */
export function DeliveriesSection({ deliveries, onChanged, receiver }: DeliveriesSectionProps) {
  const [message, setMessage] = useState('');
  const done = (text: string) => {
    setMessage(text);
    onChanged();
  };
  return (
    <section class="card" aria-labelledby="deliveries-heading">
      <h2 id="deliveries-heading">Webhook deliveries</h2>
      <p role="status" class="ok-text">
        {message}
      </p>
      {deliveries.length === 0 && <EmptyState title={noDeliveriesText(receiver)} />}
      {deliveries.length > 0 && (
        <div class="table-scroll" role="region" aria-label="Webhook deliveries" tabIndex={0}>
          <table class="deliveries-table">
            <thead>
              <tr>
                <th scope="col">Event</th>
                <th scope="col">Status</th>
                <th scope="col">Attempts</th>
                <th scope="col">Created</th>
                <th scope="col">Delivered</th>
                <th scope="col">
                  <span class="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {deliveries.map((d) => (
                <tr key={d.id} data-delivery-id={d.id}>
                  <td>
                    <code>{d.type}</code>
                    <div class="muted small wrap">{d.url}</div>
                  </td>
                  <td>
                    <StatusBadge status={d.status} />
                    {d.last_error && <div class="error-text small">{d.last_error}</div>}
                  </td>
                  <td>
                    <DeliveryAttempts delivery={d} />
                  </td>
                  <td>{formatTime(d.created_at)}</td>
                  <td>{formatTime(d.delivered_at)}</td>
                  <td>
                    <RedeliverButton delivery={d} onDone={done} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function DeliveryAttempts({ delivery }: { delivery: DeliveryRecord }) {
  if (delivery.attempts.length === 0) return <span class="muted">none yet</span>;
  return (
    <details>
      <summary>
        {delivery.attempts.length} attempt{delivery.attempts.length === 1 ? '' : 's'}
      </summary>
      <ol class="attempts">
        {delivery.attempts.map((a) => (
          <li key={a.attempt}>
            {formatTime(a.attempted_at)} · {a.status_code ?? 'no answer'} · {a.latency_ms} ms{a.error ? ` · ${a.error}` : ''}
          </li>
        ))}
      </ol>
    </details>
  );
}
