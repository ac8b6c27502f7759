import { useState } from 'preact/hooks';
import { useApi } from '../api/api-context';
import { asApiError } from '../api/api-error';
import type { DeliveryRecord } from '../api/types';

/** Sends the webhook once more with the same webhook-id (`POST /v1/deliveries/{id}/redeliver`). */
export function RedeliverButton({ delivery, onDone }: { delivery: DeliveryRecord; onDone: (message: string) => void }) {
  const client = useApi();
  const [busy, setBusy] = useState(false);
  const resend = async () => {
    setBusy(true);
    try {
      await client.call((api) => api.POST('/v1/deliveries/{id}/redeliver', { params: { path: { id: delivery.id } } }));
      onDone(`Re-send of ${delivery.type} queued.`);
    } catch (err) {
      onDone(`Could not re-send ${delivery.type}: ${asApiError(err).message}`);
    } finally {
      setBusy(false);
    }
  };
  return (
    <button type="button" onClick={resend} disabled={busy} aria-label={`Re-send ${delivery.type}`}>
      {busy ? 'Sending…' : 'Re-send'}
    </button>
  );
}
