import { classifyAddress, SPECIAL_PURPOSE_BLOCKS, type AddressKind } from './special-addresses.js';

/** One address inside every IANA special-purpose block (IPv4 and IPv6 registries), and what it is. */
const EXPECTED: Array<[string, AddressKind]> = [
  ['0.0.0.0', 'special-purpose'],
  ['0.1.2.3', 'special-purpose'],
  ['10.0.0.1', 'private'],
  ['10.255.255.255', 'private'],
  ['100.64.0.1', 'private'],
  ['100.127.255.254', 'private'],
  ['100.100.100.200', 'cloud-metadata'],
  ['127.0.0.1', 'loopback'],
  ['127.255.0.9', 'loopback'],
  ['169.254.0.1', 'link-local'],
  ['169.254.169.254', 'cloud-metadata'],
  ['168.63.129.16', 'cloud-metadata'],
  ['172.16.0.1', 'private'],
  ['172.31.255.255', 'private'],
  ['192.0.0.1', 'special-purpose'],
  ['192.0.0.8', 'special-purpose'],
  ['192.0.0.170', 'special-purpose'],
  ['192.0.0.171', 'special-purpose'],
  ['192.0.0.9', 'public'],
  ['192.0.0.10', 'public'],
  ['192.0.2.10', 'special-purpose'],
  ['192.31.196.1', 'public'],
  ['192.52.193.1', 'public'],
  ['192.88.99.1', 'special-purpose'],
  ['192.168.1.1', 'private'],
  ['192.175.48.1', 'public'],
  ['198.18.0.1', 'special-purpose'],
  ['198.19.255.255', 'special-purpose'],
  ['198.51.100.7', 'special-purpose'],
  ['203.0.113.7', 'special-purpose'],
  ['224.0.0.1', 'multicast'],
  ['239.255.255.250', 'multicast'],
  ['240.0.0.1', 'special-purpose'],
  ['255.255.255.255', 'multicast'],

  ['::', 'special-purpose'],
  ['::1', 'loopback'],
  ['64:ff9b:1::1', 'special-purpose'],
  ['100::1', 'special-purpose'],
  ['100:0:0:1::1', 'special-purpose'],
  ['2001:0:4136:e378::1', 'special-purpose'],
  ['2001:1::1', 'public'],
  ['2001:1::2', 'public'],
  ['2001:1::3', 'public'],
  ['2001:1::4', 'special-purpose'],
  ['2001:2::1', 'special-purpose'],
  ['2001:3::1', 'public'],
  ['2001:4:112::1', 'public'],
  ['2001:10::1', 'special-purpose'],
  ['2001:20::1', 'public'],
  ['2001:30::1', 'public'],
  ['2001:db8::1', 'special-purpose'],
  ['2620:4f:8000::1', 'public'],
  ['3fff::1', 'special-purpose'],
  ['5f00::1', 'special-purpose'],
  ['fc00::1', 'private'],
  ['fd12:3456::1', 'private'],
  ['fd00:ec2::254', 'cloud-metadata'],
  ['fe80::1', 'link-local'],
  ['fe80::1%eth0', 'link-local'],
  ['febf::1', 'link-local'],
  ['fec0::1', 'private'],
  ['feff::1', 'private'],
  ['ff02::1', 'multicast'],
  ['4000::1', 'special-purpose'],
  ['1::1', 'special-purpose'],
];

/** IPv6 forms that carry an IPv4 address: they are what the IPv4 address is. */
const EMBEDDED: Array<[string, AddressKind]> = [
  ['::ffff:127.0.0.1', 'loopback'],
  ['::ffff:7f00:1', 'loopback'],
  ['::ffff:169.254.169.254', 'cloud-metadata'],
  ['::ffff:10.0.0.1', 'private'],
  ['::ffff:8.8.8.8', 'public'],
  ['64:ff9b::a9fe:a9fe', 'cloud-metadata'],
  ['64:ff9b::10.0.0.1', 'private'],
  ['64:ff9b::127.0.0.1', 'loopback'],
  ['64:ff9b::8.8.8.8', 'public'],
  ['2002:a9fe:a9fe::1', 'cloud-metadata'],
  ['2002:7f00:1::', 'loopback'],
  ['2002:a00:1:1::1', 'private'],
  ['2002:c0a8:101::1', 'private'],
  ['2002:808:808::1', 'public'],
];

describe('special-purpose addresses', () => {
  it.each(EXPECTED)('classifies %s as %s', (address, kind) => {
    expect(classifyAddress(address).kind).toBe(kind);
  });

  it.each(EMBEDDED)('classifies %s by the IPv4 address it embeds (%s)', (address, kind) => {
    expect(classifyAddress(address).kind).toBe(kind);
  });

  it('refuses IPv4-compatible addresses (::a.b.c.d), deprecated and never a destination', () => {
    for (const address of ['::127.0.0.1', '::8.8.8.8', '::a9fe:a9fe', '::10.0.0.1']) {
      expect([address, classifyAddress(address).kind]).toEqual([address, 'special-purpose']);
    }
  });

  it('lets every block in the table decide for its first address, unless a narrower block inside it does', () => {
    const prefixOf = (cidr: string) => Number(cidr.split('/')[1]);
    for (const block of SPECIAL_PURPOSE_BLOCKS.filter((entry) => !entry.embeds)) {
      const decided = classifyAddress(block.cidr.split('/')[0]).block;
      const decider = SPECIAL_PURPOSE_BLOCKS.find((other) => decided.startsWith(`${other.cidr} ${other.name}`));
      expect([block.cidr, decider === block || prefixOf(decider!.cidr) > prefixOf(block.cidr)]).toEqual([block.cidr, true]);
    }
  });

  it('names the deciding block, and for an embedded address both', () => {
    expect(classifyAddress('169.254.169.254').block).toBe('169.254.169.254/32 Cloud instance metadata');
    expect(classifyAddress('64:ff9b::a00:1').block).toBe('64:ff9b::/96 IPv4-IPv6 Translation (NAT64) of 10.0.0.0/8 Private-Use');
  });

  it('treats ordinary internet addresses as public', () => {
    for (const address of ['8.8.8.8', '93.184.216.34', '1.1.1.1', '172.32.0.1', '100.128.0.1', '169.255.0.1', '192.169.0.1', '2606:4700::1111', '2a00:1450:4001::200e']) {
      expect([address, classifyAddress(address).kind]).toEqual([address, 'public']);
    }
  });

  it('treats what is not an IP address as special-purpose', () => {
    for (const text of ['example.com', '', '1.2.3', '::g', '256.1.1.1']) expect(classifyAddress(text).kind).toBe('special-purpose');
  });
});
