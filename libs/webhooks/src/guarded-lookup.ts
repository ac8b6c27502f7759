import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import type { LookupFunction } from 'node:net';
import type { SsrfPolicy, SsrfVerdict } from './ssrf';

/** `dns.lookup` with `all: true`; injectable so tests can pretend a name resolves anywhere. */
export type ResolveAll = (hostname: string) => Promise<LookupAddress[]>;

export const resolveAll: ResolveAll = (hostname) =>
  new Promise((resolve, reject) => {
    dnsLookup(hostname, { all: true, verbatim: true }, (err, addresses) => (err ? reject(err) : resolve(addresses)));
  });

/** Error code of a connection refused by the policy (told apart from network failures by the sender). */
export const SSRF_REFUSED = 'ERR_WEBHOOK_ADDRESS_REFUSED';

/**
 * Intake check of a webhook URL: scheme and host rules, then every address the name resolves to
 * (one bad address is enough to refuse: a resolver may hand out any of them later).
 */
export async function vetWebhookUrl(raw: string, policy: SsrfPolicy, resolve: ResolveAll = resolveAll): Promise<SsrfVerdict> {
  const checked = policy.checkUrl(raw);
  if (!checked.ok || checked.ipLiteral !== undefined) return checked.ok ? { ok: true } : checked;
  let addresses: LookupAddress[];
  try {
    addresses = await resolve(checked.url!.hostname);
  } catch (err) {
    return { ok: false, reason: `host ${checked.url!.hostname} does not resolve (${(err as NodeJS.ErrnoException).code ?? 'DNS error'})` };
  }
  return checkAll(addresses, policy);
}

/**
 * A `lookup` for http(s).request that resolves, vets every address and hands the socket only
 * vetted ones. The connection therefore goes to an address checked a moment ago: a name that
 * re-binds to 169.254.169.254 between intake and delivery is caught here.
 */
export function guardedLookup(policy: SsrfPolicy, resolve: ResolveAll = resolveAll): LookupFunction {
  return (hostname, options, callback) => {
    resolve(hostname).then(
      (addresses) => {
        const verdict = checkAll(addresses, policy);
        if (!verdict.ok) return callback(Object.assign(new Error(`refused by the webhook address policy: ${verdict.reason}`), { code: SSRF_REFUSED }), '', 0);
        const family = options.family === 4 || options.family === 6 ? options.family : 0;
        const usable = addresses.filter((a) => family === 0 || a.family === family);
        if (usable.length === 0) return callback(Object.assign(new Error(`no IPv${family} address for ${hostname}`), { code: 'ENOTFOUND' }), '', 0);
        // Node asks for `all` when it races IPv4 and IPv6 (autoSelectFamily); the callback shape differs.
        if (options.all) return (callback as unknown as (err: null, addresses: LookupAddress[]) => void)(null, usable);
        callback(null, usable[0]!.address, usable[0]!.family);
      },
      (err: NodeJS.ErrnoException) => callback(err, '', 0),
    );
  };
}

function checkAll(addresses: LookupAddress[], policy: SsrfPolicy): SsrfVerdict {
  if (addresses.length === 0) return { ok: false, reason: 'the host has no addresses' };
  for (const { address } of addresses) {
    const verdict = policy.checkAddress(address);
    if (!verdict.ok) return verdict;
  }
  return { ok: true };
}
