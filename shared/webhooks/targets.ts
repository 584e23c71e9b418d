import { BlockList, isIP } from 'node:net';

/**
 * Where a webhook may point (SSRF, docs/webhooks.md). In the cloud a hook must be https and
 * every address its host resolves to must be public: not private, loopback, link-local (the
 * instance metadata service at 169.254.169.254 included), shared, multicast or reserved, in
 * IPv4 or IPv6. The rule holds at registration and again at each delivery, on the address the
 * request then connects to (a host may resolve elsewhere later: DNS rebinding). Locally
 * (`npm start`, tests) http and local addresses are allowed.
 */
export interface TargetRules {
  /** http and non-public addresses allowed: only the local runtime sets this. */
  allowLocal: boolean;
}

// One list per family: a BlockList also checks an IPv4 address against IPv6 rules as
// IPv4-mapped, so one list with ::ffff:0:0/96 would refuse every IPv4 address.
const notPublicV4 = new BlockList();
const notPublicV6 = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8], // "this" network
  ['10.0.0.0', 8], // private
  ['100.64.0.0', 10], // carrier-grade NAT (shared)
  ['127.0.0.0', 8], // loopback
  ['169.254.0.0', 16], // link-local, instance metadata
  ['172.16.0.0', 12], // private
  ['192.0.0.0', 24], // IETF protocol assignments
  ['192.0.2.0', 24], // documentation
  ['192.88.99.0', 24], // 6to4 relay
  ['192.168.0.0', 16], // private
  ['198.18.0.0', 15], // benchmarking
  ['198.51.100.0', 24], // documentation
  ['203.0.113.0', 24], // documentation
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, broadcast
] as const) {
  notPublicV4.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 128], // unspecified
  ['::1', 128], // loopback
  ['::ffff:0:0', 96], // IPv4-mapped: would reach an IPv4 address by the back door
  ['64:ff9b::', 96], // NAT64
  ['64:ff9b:1::', 48], // local NAT64
  ['100::', 64], // discard
  ['2001::', 23], // IETF protocol assignments
  ['2001:db8::', 32], // documentation
  ['2002::', 16], // 6to4 (embeds any IPv4 address)
  ['fc00::', 7], // unique local
  ['fe80::', 10], // link-local
  ['fec0::', 10], // site-local (deprecated)
  ['ff00::', 8], // multicast
] as const) {
  notPublicV6.addSubnet(network, prefix, 'ipv6');
}

/** Whether an IP address (v4 or v6) is on the public internet. */
export const isPublicAddress = (address: string): boolean => {
  const family = isIP(address);
  if (family === 0) return false;
  return family === 4 ? !notPublicV4.check(address, 'ipv4') : !notPublicV6.check(address, 'ipv6');
};

/** A URL's host as an address when it is an IP literal (`[::1]` → `::1`), else null. */
export const literalAddressOf = (url: URL): string | null => {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  return isIP(host) ? host : null;
};

/** Why a URL may not be a webhook before any lookup (scheme, credentials), or null. */
export const urlProblem = (url: URL, rules: TargetRules): string | null => {
  if (url.protocol !== 'https:' && !(rules.allowLocal && url.protocol === 'http:')) {
    return rules.allowLocal ? 'url must be http or https' : 'url must be https';
  }
  if (url.username || url.password) return 'url must not carry credentials';
  if (url.hash) return 'url must not have a fragment';
  return null;
};

/** Why these resolved addresses may not be connected to, or null. */
export const addressProblem = (addresses: readonly string[], rules: TargetRules): string | null => {
  if (addresses.length === 0) return 'the host does not resolve';
  if (rules.allowLocal) return null;
  const blocked = addresses.find((address) => !isPublicAddress(address));
  return blocked
    ? `the host resolves to ${blocked}, a private, loopback, link-local or reserved address`
    : null;
};
