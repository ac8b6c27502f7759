export { signWebhook, decodeWebhookSecret } from './sign';
export type { SignInput, WebhookSignatureHeaders } from './sign';
export { SsrfPolicy } from './ssrf';
export type { SsrfPolicyOptions, SsrfVerdict } from './ssrf';
export { vetWebhookUrl, guardedLookup, resolveAll, SSRF_REFUSED } from './guarded-lookup';
export type { ResolveAll } from './guarded-lookup';
export { deliverWebhook } from './deliver';
export type { DeliverOptions, DeliveryOutcome, DeliveryResult, WebhookMessage } from './deliver';
export { nextRetryDelayMs } from './retry-schedule';
