import { promises as dns, type LookupAddress } from 'node:dns';

/** Resolves a host name to every address; injectable so tests can pretend a name resolves anywhere. */
export type ResolveAll = (hostname: string) => Promise<LookupAddress[]>;

export interface DnsResolveOptions {
  /** Nameservers (`ip` or `ip:port`); default the system's (/etc/resolv.conf). */
  servers?: readonly string[];
  /** Time one query may take before it is sent again; default 2,000 ms. */
  timeoutMs?: number;
  /** Queries per name before giving up; default 2 (so at most ~timeoutMs × tries). */
  tries?: number;
}

/**
 * Resolves webhook hosts with c-ares (`dns.promises.Resolver`) rather than `dns.lookup`:
 * `dns.lookup` runs getaddrinfo on libuv's thread pool (4 threads, shared with file I/O, crypto and
 * every other lookup of the process), so a receiver whose nameserver never answers could stall
 * ModelArts calls and database reconnects. c-ares queries on the event loop and gives up after
 * `timeoutMs × tries`. /etc/hosts is not read, except that `localhost` is always loopback
 * (RFC 6761), as getaddrinfo would have it.
 */
export function dnsResolver(options: DnsResolveOptions = {}): ResolveAll {
  const resolver = new dns.Resolver({ timeout: options.timeoutMs ?? 2_000, tries: options.tries ?? 2 });
  if (options.servers?.length) resolver.setServers([...options.servers]);
  return async (hostname) => {
    const name = hostname.toLowerCase().replace(/\.$/, '');
    if (name === 'localhost' || name.endsWith('.localhost'))
      return [
        { address: '127.0.0.1', family: 4 },
        { address: '::1', family: 6 },
      ];
    const [v4, v6] = await Promise.allSettled([resolver.resolve4(name), resolver.resolve6(name)]);
    const addresses = [
      ...(v4.status === 'fulfilled' ? v4.value.map((address) => ({ address, family: 4 })) : []),
      ...(v6.status === 'fulfilled' ? v6.value.map((address) => ({ address, family: 6 })) : []),
    ];
    if (addresses.length > 0) return addresses;
    throw v4.status === 'rejected' ? v4.reason : Object.assign(new Error(`${name} has no addresses`), { code: 'ENOTFOUND' });
  };
}

/** The default: the system's nameservers, 2 s a query, 2 tries. */
export const resolveAll: ResolveAll = dnsResolver();
