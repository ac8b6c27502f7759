/**
 * `GET /ui/config.json`: what the page must know before it has a key. An api too old to serve it
 * (or unreachable) gets the safe answer: a key is needed, and whether events have a default receiver
 * is unknown.
 */
export interface UiConfig {
  authRequired: boolean;
  /** WEBHOOK_URL is set on the server; null when the server did not say. */
  defaultWebhookReceiver: boolean | null;
}

export const ASSUMED_UI_CONFIG: UiConfig = { authRequired: true, defaultWebhookReceiver: null };

export async function loadUiConfig(baseUrl = ''): Promise<UiConfig> {
  try {
    const res = await fetch(`${baseUrl}/ui/config.json`, { cache: 'no-store', headers: { Accept: 'application/json' } });
    if (!res.ok) return ASSUMED_UI_CONFIG;
    const body = (await res.json()) as { auth_required?: unknown; default_webhook_receiver?: unknown };
    return {
      // Only an explicit false turns the key off.
      authRequired: body.auth_required !== false,
      defaultWebhookReceiver: typeof body.default_webhook_receiver === 'boolean' ? body.default_webhook_receiver : null,
    };
  } catch {
    return ASSUMED_UI_CONFIG;
  }
}
