import { WEBHOOK_EVENTS, type JsonSchema } from '@jobgate/contracts';
import { ref } from './record-schemas';

// Standard Webhooks headers; the worker's signer (libs/webhooks sign.ts) writes them.
const HEADERS: JsonSchema[] = [
  header('webhook-id', 'The event id (`msg_…`), the same on every retry and redelivery: dedupe on it', { type: 'string', pattern: '^msg_[0-9a-f]{32}$' }),
  header('webhook-timestamp', 'Unix seconds when this attempt was signed; refuse old ones to stop replays', { type: 'string', pattern: '^\\d+$' }),
  header('webhook-signature', "`v1,<base64 HMAC-SHA256 of id.timestamp.body>`, space-separated; two while a team's secret rotation overlaps", {
    type: 'string',
  }),
];

/**
 * The document's top-level `webhooks` (OpenAPI 3.1): one POST per event type jobgate sends to a
 * receiver, keyed by the type, with the Standard Webhooks headers and the body (`type`, `timestamp`,
 * `data`: the job record or the sweep summary).
 */
export function webhookOperations(): Record<string, JsonSchema> {
  return Object.fromEntries(
    Object.entries(WEBHOOK_EVENTS).map(([type, event]) => [
      type,
      {
        post: {
          operationId: `${type.replace(/\.(\w)/g, (_dot, first: string) => first.toUpperCase())}Webhook`,
          summary: event.summary,
          tags: ['webhooks'],
          security: [],
          parameters: HEADERS,
          requestBody: { required: true, content: { 'application/json': { schema: payload(type, event.data) } } },
          responses: {
            '200': { description: 'Received (any 2xx is); other answers and timeouts are retried with backoff, the same webhook-id each time' },
            '410': { description: 'Gone: jobgate stops sending this event' },
          },
        },
      },
    ]),
  );
}

function payload(type: string, data: string): JsonSchema {
  return {
    type: 'object',
    required: ['type', 'timestamp', 'data'],
    properties: { type: { type: 'string', const: type }, timestamp: { type: 'string', format: 'date-time' }, data: ref(data) },
  };
}

function header(name: string, description: string, schema: JsonSchema): JsonSchema {
  return { name, in: 'header', required: true, description, schema };
}
