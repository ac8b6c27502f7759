import type { LookupAddress } from 'node:dns';
import type { LookupFunction } from 'node:net';
import { resolveAll, type ResolveAll } from './dns-resolve';
import type { SsrfPolicy, SsrfVerdict } from './ssrf';

/** Error code of a connection refused by the policy (told apart from network failures by the sender). */
export const SSRF_REFUSED = 'ERR_WEBHOOK_ADDRESS_REFUSED';

/**
 * Intake check of a webhook URL: scheme and host rules, then every address the name resolves to
 * (one bad address is enough to refuse: a resolver may hand out any of them later).
 * A refusal after DNS says only "not allowed", the same whether the name did not resolve or
 * resolved to a refused address, and never which address: the answer must not let a caller map
 * internal names (a DNS oracle). The reason is for the caller's log (`detail`), never the answer.
 */
export async function vetWebhookUrl(raw: string, policy: SsrfPolicy, resolve: ResolveAll = resolveAll): Promise<SsrfVerdict & { detail?: string }> {
  const checked = policy.checkUrl(raw);
  if (!checked.ok || checked.ipLiteral !== undefined) return checked.ok ? { ok: true } : checked;
  const host = checked.url!.hostname;
  let addresses: LookupAddress[];
  try {
    addresses = await resolve(host);
  } catch (err) {
    return { ok: false, reason: notAllowed(host), detail: `does not resolve (${(err as NodeJS.ErrnoException).code ?? 'DNS error'})` };
  }
  const verdict = checkAll(addresses, policy);
  return verdict.ok ? verdict : { ok: false, reason: notAllowed(host), detail: verdict.reason };
}

function notAllowed(host: string): string {
  return `host ${host} is not allowed: it must resolve to addresses webhooks may reach`;
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
        // Recorded on the delivery, which its owner reads: "not allowed", never the address.
        if (!verdict.ok)
          return callback(Object.assign(new Error(`refused by the webhook address policy: host ${hostname} is not allowed`), { code: SSRF_REFUSED }), '', 0);
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
