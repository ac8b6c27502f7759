/** A request about to be sent; providers add headers in place. `url` already carries the query. */
export interface SignableRequest {
  method: string;
  url: URL;
  headers: Record<string, string>;
  /** The exact body bytes to be sent (UTF-8); empty string for none. */
  body: string;
}

/** How the client authenticates: `TokenAuth` (IAM token) or `AkSkAuth` (request signing). */
export interface AuthProvider {
  apply(req: SignableRequest): Promise<void>;
  /**
   * Forget cached credentials after ModelArts refused them. `rejected` is the refused request, so a
   * provider can ignore a refusal of credentials it has already replaced (many calls failing on one
   * expired token then cause one refresh, not many).
   */
  invalidate?(rejected?: SignableRequest): void;
}

/** Epoch milliseconds; injectable for tests. */
export type Clock = () => number;
