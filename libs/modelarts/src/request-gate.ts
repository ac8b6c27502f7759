/** One admitted HTTP request; `done()` once it has been answered or has failed. */
export interface GatePermit {
  done(): void | Promise<void>;
}

/**
 * Admits HTTP requests, e.g. a rate limit shared by many processes. The client asks it once for
 * every request it actually sends, after the credentials are in hand, so a request re-sent after a
 * token refresh is admitted (and counted) again and an IAM token fetch never holds a place.
 */
export interface RequestGate {
  acquire(): Promise<GatePermit>;
}

/**
 * Releases a permit without letting the release decide anything: the request's outcome is already
 * known, and a create reported as failed because its release failed would be retried (a duplicate).
 * Not awaited, so an unreachable gate store cannot hold up the answer either.
 */
export function releasePermit(permit: GatePermit, onError: (err: unknown) => void): void {
  try {
    void Promise.resolve(permit.done()).catch(onError);
  } catch (err) {
    onError(err);
  }
}
