import type { FaultInjector } from './faults';
import { verifySignedRequest, type SignableRequest } from './signing';
import type { TokenIssuer } from './token-issuer';
import { apigError, type WireError } from './wire-error';

export interface AuthenticateOptions {
  /** When false, nothing is checked (only the `tokenExpireNext` fault still fires). */
  required: boolean;
  credentials?: { ak: string; sk: string };
  tokens: TokenIssuer;
  faults: FaultInjector;
  now: number;
}

/**
 * The gateway's check in front of every ModelArts call: an issued, unexpired `X-Auth-Token`, or a
 * valid AK/SK signature. Returns the 401 the gateway would send, or undefined when the call may pass.
 */
export function authenticate(req: Omit<SignableRequest, 'signedHeaders'>, options: AuthenticateOptions): WireError | undefined {
  const token = single(req.headers['x-auth-token']);
  // Fires on token-authenticated calls only, so a client's refresh path can be tested in isolation.
  if (token && options.faults.expireToken()) return tokenExpired();
  if (!options.required) return undefined;
  if (token) {
    const check = options.tokens.check(token, options.now);
    if (check === 'valid') return undefined;
    return check === 'expired' ? tokenExpired() : incorrect('the token is not valid');
  }
  if (req.headers['authorization'] !== undefined) {
    if (!options.credentials) return incorrect('AK/SK authentication is not enabled');
    const result = verifySignedRequest(req, options.credentials, options.now);
    return result.ok ? undefined : incorrect(result.reason);
  }
  return incorrect('no X-Auth-Token and no Authorization header');
}

function tokenExpired(): WireError {
  return apigError(401, 'APIG.0307', 'The token must be updated.');
}

function incorrect(reason: string): WireError {
  return apigError(401, 'APIG.0301', `Incorrect IAM authentication information: ${reason}`);
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
