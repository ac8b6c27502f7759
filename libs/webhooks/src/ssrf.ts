import ipaddr from 'ipaddr.js';
import { JobgateError } from '@jobgate/errors';

/** Expected outcome of a check, as a value: callers turn a refusal into a 400 or a failed delivery. */
export type SsrfVerdict = { ok: true } | { ok: false; reason: string };

export interface SsrfPolicyOptions {
  /**
   * WEBHOOK_ALLOWED_CIDRS: where private, loopback, unique-local, CGNAT and other non-public
   * addresses may be reached. Default none. Never widens the always-refused set below.
   */
  allowedCidrs?: readonly string[];
}

type Address = ipaddr.IPv4 | ipaddr.IPv6;

/** Instance metadata services: credentials live there, so no allow-list opens them. */
const METADATA_ADDRESSES = new Set(['169.254.169.254', '169.254.170.2', '169.254.170.23', '100.100.100.200', '168.63.129.16', 'fd00:ec2::254', 'fd00:ec2::23']);
const METADATA_HOSTS = new Set([
  'metadata',
  'metadata.google.internal',
  'metadata.goog',
  'metadata.azure.internal',
  'instance-data',
  'instance-data.ec2.internal',
]);
/** Ranges never reachable from a webhook, whatever WEBHOOK_ALLOWED_CIDRS says. */
const ALWAYS_REFUSED_RANGES = new Set(['unspecified', 'broadcast', 'multicast', 'linkLocal']);

/** Which webhook URLs and addresses jobgate may connect to (docs/architecture.md, "Webhooks"). */
export class SsrfPolicy {
  private readonly allowed: [Address, number][];

  constructor(options: SsrfPolicyOptions = {}) {
    this.allowed = (options.allowedCidrs ?? []).map(parseCidr);
  }

  /** Scheme and host name checks that need no DNS; an IP-literal host is checked fully here. */
  checkUrl(raw: string): SsrfVerdict & { url?: URL; ipLiteral?: string } {
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      return { ok: false, reason: 'is not a valid URL' };
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return { ok: false, reason: `scheme ${url.protocol} is not allowed (use http or https)` };
    const host = url.hostname.toLowerCase().replace(/\.$/, '');
    if (METADATA_HOSTS.has(host)) return { ok: false, reason: `host ${host} is a cloud metadata service` };
    // WHATWG URL parsing already normalised odd IPv4 forms (2130706433, 0x7f.1) to dotted quads.
    const literal = host.startsWith('[') ? host.slice(1, -1) : ipaddr.IPv4.isValidFourPartDecimal(host) ? host : undefined;
    if (literal !== undefined) {
      const verdict = this.checkAddress(literal);
      return verdict.ok ? { ok: true, url, ipLiteral: literal } : verdict;
    }
    return { ok: true, url };
  }

  /** Checks one resolved (or literal) address. */
  checkAddress(text: string): SsrfVerdict {
    if (!ipaddr.isValid(text)) return { ok: false, reason: `${text} is not an IP address` };
    const address = embeddedIPv4(ipaddr.parse(text));
    const shown = address.toString();
    if (METADATA_ADDRESSES.has(shown) || METADATA_ADDRESSES.has(text.toLowerCase())) return { ok: false, reason: `${shown} is a cloud metadata address` };
    const range = address.range();
    if (ALWAYS_REFUSED_RANGES.has(range)) return { ok: false, reason: `${shown} is a ${range} address` };
    if (range === 'unicast') return { ok: true };
    if (this.allowed.some(([net, bits]) => net.kind() === address.kind() && address.match(net, bits))) return { ok: true };
    return { ok: false, reason: `${shown} is a ${range} address outside WEBHOOK_ALLOWED_CIDRS` };
  }
}

/**
 * IPv6 forms that carry an IPv4 address (IPv4-mapped ::ffff:a.b.c.d, IPv4-compatible ::a.b.c.d,
 * SIIT, NAT64 64:ff9b::/96, 6to4 2002::/16) are judged by that IPv4 address, or ::ffff:127.0.0.1
 * would slip past a loopback rule written for 127.0.0.0/8.
 */
function embeddedIPv4(address: Address): Address {
  if (address.kind() === 'ipv4') return address;
  const v6 = address as ipaddr.IPv6;
  const parts = v6.parts;
  const range = v6.range();
  const zeros = (from: number, to: number) => parts.slice(from, to).every((p) => p === 0);
  const fromWords = (hi: number, lo: number) => new ipaddr.IPv4([hi >> 8, hi & 0xff, lo >> 8, lo & 0xff]);
  if (range === 'ipv4Mapped' || range === 'rfc6145' || range === 'rfc6052' || (zeros(0, 6) && !zeros(6, 8) && range !== 'loopback')) {
    return fromWords(parts[6]!, parts[7]!);
  }
  if (range === '6to4') return fromWords(parts[1]!, parts[2]!);
  return v6;
}

function parseCidr(cidr: string): [Address, number] {
  try {
    return ipaddr.parseCIDR(cidr);
  } catch {
    throw new JobgateError(`WEBHOOK_ALLOWED_CIDRS: "${cidr}" is not a valid CIDR`, { code: 'webhooks.invalid_cidr' });
  }
}
