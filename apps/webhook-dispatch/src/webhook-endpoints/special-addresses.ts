import { isIP } from 'node:net';

/**
 * What an address is, as far as sending a webhook to it goes:
 * - `public`: reachable on the internet;
 * - `loopback`, `private`: this machine, or a private network (RFC 1918, shared CGN space, ULA, site-local);
 * - `link-local`, `cloud-metadata`, `multicast`, `special-purpose`: never a webhook destination.
 */
export type AddressKind = 'public' | 'loopback' | 'private' | 'link-local' | 'cloud-metadata' | 'multicast' | 'special-purpose';

/** Where a block carries an IPv4 address inside an IPv6 one: its classification is that of the IPv4 address. */
type Embedding = 'last-32-bits' | 'bits-16-to-47';

interface Block {
  cidr: string;
  name: string;
  kind: AddressKind;
  embeds?: Embedding;
}

/**
 * The IANA IPv4 and IPv6 Special-Purpose Address Registries (2025), plus multicast, the deprecated
 * site-local and IPv4-compatible forms, and the cloud metadata services. The most specific block that
 * contains an address decides, so globally reachable anycast blocks inside a refused one stay public.
 */
export const SPECIAL_PURPOSE_BLOCKS: readonly Block[] = [
  { cidr: '0.0.0.0/8', name: 'This network', kind: 'special-purpose' },
  { cidr: '10.0.0.0/8', name: 'Private-Use', kind: 'private' },
  { cidr: '100.64.0.0/10', name: 'Shared Address Space', kind: 'private' },
  { cidr: '100.100.100.200/32', name: 'Alibaba Cloud metadata', kind: 'cloud-metadata' },
  { cidr: '127.0.0.0/8', name: 'Loopback', kind: 'loopback' },
  { cidr: '168.63.129.16/32', name: 'Azure platform services (WireServer)', kind: 'cloud-metadata' },
  { cidr: '169.254.0.0/16', name: 'Link Local', kind: 'link-local' },
  { cidr: '169.254.169.254/32', name: 'Cloud instance metadata', kind: 'cloud-metadata' },
  { cidr: '172.16.0.0/12', name: 'Private-Use', kind: 'private' },
  { cidr: '192.0.0.0/24', name: 'IETF Protocol Assignments', kind: 'special-purpose' },
  { cidr: '192.0.0.9/32', name: 'Port Control Protocol Anycast', kind: 'public' },
  { cidr: '192.0.0.10/32', name: 'Traversal Using Relays around NAT Anycast', kind: 'public' },
  { cidr: '192.0.2.0/24', name: 'Documentation (TEST-NET-1)', kind: 'special-purpose' },
  { cidr: '192.31.196.0/24', name: 'AS112-v4', kind: 'public' },
  { cidr: '192.52.193.0/24', name: 'AMT', kind: 'public' },
  { cidr: '192.88.99.0/24', name: 'Deprecated (6to4 Relay Anycast)', kind: 'special-purpose' },
  { cidr: '192.168.0.0/16', name: 'Private-Use', kind: 'private' },
  { cidr: '192.175.48.0/24', name: 'Direct Delegation AS112 Service', kind: 'public' },
  { cidr: '198.18.0.0/15', name: 'Benchmarking', kind: 'special-purpose' },
  { cidr: '198.51.100.0/24', name: 'Documentation (TEST-NET-2)', kind: 'special-purpose' },
  { cidr: '203.0.113.0/24', name: 'Documentation (TEST-NET-3)', kind: 'special-purpose' },
  { cidr: '224.0.0.0/4', name: 'Multicast', kind: 'multicast' },
  { cidr: '240.0.0.0/4', name: 'Reserved', kind: 'special-purpose' },
  { cidr: '255.255.255.255/32', name: 'Limited Broadcast', kind: 'multicast' },

  // IANA allocates unicast from 2000::/3 only; the rest of the space is reserved or special.
  { cidr: '::/0', name: 'Outside global unicast (2000::/3)', kind: 'special-purpose' },
  { cidr: '2000::/3', name: 'Global Unicast', kind: 'public' },
  { cidr: '::/128', name: 'Unspecified Address', kind: 'special-purpose' },
  { cidr: '::1/128', name: 'Loopback Address', kind: 'loopback' },
  { cidr: '::/96', name: 'IPv4-compatible (deprecated)', kind: 'special-purpose' },
  { cidr: '::ffff:0:0/96', name: 'IPv4-mapped Address', kind: 'special-purpose', embeds: 'last-32-bits' },
  { cidr: '64:ff9b::/96', name: 'IPv4-IPv6 Translation (NAT64)', kind: 'special-purpose', embeds: 'last-32-bits' },
  { cidr: '64:ff9b:1::/48', name: 'IPv4-IPv6 Translation (local-use NAT64)', kind: 'special-purpose' },
  { cidr: '100::/64', name: 'Discard-Only Address Block', kind: 'special-purpose' },
  { cidr: '100:0:0:1::/64', name: 'Dummy IPv6 Prefix', kind: 'special-purpose' },
  { cidr: '2001::/23', name: 'IETF Protocol Assignments', kind: 'special-purpose' },
  { cidr: '2001::/32', name: 'TEREDO', kind: 'special-purpose' },
  { cidr: '2001:1::1/128', name: 'Port Control Protocol Anycast', kind: 'public' },
  { cidr: '2001:1::2/128', name: 'Traversal Using Relays around NAT Anycast', kind: 'public' },
  { cidr: '2001:1::3/128', name: 'DNS-SD Service Registration Protocol Anycast', kind: 'public' },
  { cidr: '2001:2::/48', name: 'Benchmarking', kind: 'special-purpose' },
  { cidr: '2001:3::/32', name: 'AMT', kind: 'public' },
  { cidr: '2001:4:112::/48', name: 'AS112-v6', kind: 'public' },
  { cidr: '2001:10::/28', name: 'Deprecated (previously ORCHID)', kind: 'special-purpose' },
  { cidr: '2001:20::/28', name: 'ORCHIDv2', kind: 'public' },
  { cidr: '2001:30::/28', name: 'Drone Remote ID Protocol Entity Tags (DETs) Prefix', kind: 'public' },
  { cidr: '2001:db8::/32', name: 'Documentation', kind: 'special-purpose' },
  { cidr: '2002::/16', name: '6to4', kind: 'special-purpose', embeds: 'bits-16-to-47' },
  { cidr: '2620:4f:8000::/48', name: 'Direct Delegation AS112 Service', kind: 'public' },
  { cidr: '3fff::/20', name: 'Documentation', kind: 'special-purpose' },
  { cidr: '5f00::/16', name: 'Segment Routing (SRv6) SIDs', kind: 'special-purpose' },
  { cidr: 'fc00::/7', name: 'Unique-Local', kind: 'private' },
  { cidr: 'fd00:ec2::254/128', name: 'AWS instance metadata (IPv6)', kind: 'cloud-metadata' },
  { cidr: 'fe80::/10', name: 'Link-Local Unicast', kind: 'link-local' },
  { cidr: 'fec0::/10', name: 'Site-Local (deprecated)', kind: 'private' },
  { cidr: 'ff00::/8', name: 'Multicast', kind: 'multicast' },
];

export interface AddressClass {
  kind: AddressKind;
  /** The registry block that decided, e.g. `169.254.0.0/16 Link Local`; for an embedded IPv4, both. */
  block: string;
}

interface ParsedBlock extends Block {
  version: 4 | 6;
  network: bigint;
  prefix: number;
}

const PARSED = SPECIAL_PURPOSE_BLOCKS.map((block): ParsedBlock => {
  const [network, prefix] = block.cidr.split('/');
  const version = isIP(network) as 4 | 6;
  return { ...block, version, network: toBigInt(network, version), prefix: Number(prefix) };
}).sort((a, b) => b.prefix - a.prefix);

/** Classifies an IP address literal (IPv6 with or without a zone); anything else is `special-purpose`. */
export function classifyAddress(address: string): AddressClass {
  const literal = address.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  const version = isIP(literal);
  if (version === 0) return { kind: 'special-purpose', block: 'not an IP address' };
  return classifyValue(toBigInt(literal, version as 4 | 6), version as 4 | 6);
}

function classifyValue(value: bigint, version: 4 | 6): AddressClass {
  const bits = version === 4 ? 32 : 128;
  const match = PARSED.find((block) => block.version === version && value >> BigInt(bits - block.prefix) === block.network >> BigInt(bits - block.prefix));
  if (!match) return { kind: 'public', block: 'unreserved IPv4' };
  const block = `${match.cidr} ${match.name}`;
  if (!match.embeds) return { kind: match.kind, block };
  const embedded = match.embeds === 'last-32-bits' ? value & 0xffffffffn : (value >> 80n) & 0xffffffffn;
  const inner = classifyValue(embedded, 4);
  return { kind: inner.kind, block: `${block} of ${inner.block}` };
}

function toBigInt(literal: string, version: 4 | 6): bigint {
  if (version === 4) return literal.split('.').reduce((value, octet) => (value << 8n) | BigInt(Number(octet)), 0n);
  // A trailing dotted quad (::ffff:1.2.3.4) is the last two groups.
  const text = literal.replace(/(\d+)\.(\d+)\.(\d+)\.(\d+)$/, (_, a, b, c, d) => {
    const value = ((Number(a) << 24) | (Number(b) << 16) | (Number(c) << 8) | Number(d)) >>> 0;
    return `${(value >>> 16).toString(16)}:${(value & 0xffff).toString(16)}`;
  });
  const [head, tail] = text.split('::');
  const groupsOf = (part: string | undefined) => (part ? part.split(':') : []);
  const groups =
    tail === undefined ? groupsOf(head) : [...groupsOf(head), ...Array<string>(8 - groupsOf(head).length - groupsOf(tail).length).fill('0'), ...groupsOf(tail)];
  return groups.reduce((value, group) => (value << 16n) | BigInt(parseInt(group, 16)), 0n);
}
