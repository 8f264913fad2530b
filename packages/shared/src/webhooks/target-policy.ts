import { BlockList, isIP } from 'node:net';

/**
 * Where webhooks may be sent (SSRF guard): never to loopback, private, link-local, CGNAT,
 * multicast or reserved addresses, nor to IPv6 prefixes that translate to IPv4 (NAT64, 6to4) —
 * unless the host or address is on the allow-list.
 */
const blocked = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  blocked.addSubnet(net, prefix, 'ipv4');
}
for (const [net, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
  // Prefixes that carry an IPv4 address inside an IPv6 one, so a gateway on the path forwards to
  // that IPv4 address (which may be private): NAT64 well-known (RFC 6052) and local-use
  // (RFC 8215) prefixes, and 6to4 (RFC 3056).
  ['64:ff9b::', 96],
  ['64:ff9b:1::', 48],
  ['2002::', 16],
] as const) {
  blocked.addSubnet(net, prefix, 'ipv6');
}

export function isPublicAddress(address: string): boolean {
  // IPv4-mapped IPv6 (::ffff:10.0.0.1) is judged as the IPv4 address it carries.
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped?.[1]) return isPublicAddress(mapped[1]);
  const family = isIP(address);
  if (family === 0) return false;
  return !blocked.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

export type TargetPolicy = { allowedHosts: readonly string[] };

/** True when `host` (name or literal) is explicitly allowed. */
export function isAllowedHost(host: string, policy: TargetPolicy): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  return policy.allowedHosts.some((a) => a.toLowerCase() === h);
}

/** Checks a resolved address for a host: allowed explicitly, or public. */
export function addressPermitted(host: string, address: string, policy: TargetPolicy): boolean {
  return isAllowedHost(host, policy) || isAllowedHost(address, policy) || isPublicAddress(address);
}
