import { noDeliveriesText, webhookReceiverOf } from './webhook-receiver';

it("names where a job's webhook events go: its own URL first, then the server's default", () => {
  expect(webhookReceiverOf('https://hooks.example.com/a', false)).toBe('job');
  expect(webhookReceiverOf(null, true)).toBe('default');
  expect(webhookReceiverOf(null, false)).toBe('none');
  expect(webhookReceiverOf(null, null)).toBe('unknown');
});

it('says that nothing is sent when there is no receiver, instead of "no events yet"', () => {
  expect(noDeliveriesText('none')).toBe(
    'No webhook receiver: this job has no webhook_url and the server has no WEBHOOK_URL, so no webhook events are sent for it.',
  );
  expect(noDeliveriesText('default')).toBe("No webhook events yet: one is sent to the server's WEBHOOK_URL when the job is submitted, starts and ends.");
  expect(noDeliveriesText('unknown')).toBe('No webhook events yet: one is sent when the job is submitted, starts and ends.');
});
