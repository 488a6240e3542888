import { isIPv4, isIPv6 } from 'node:net';

/**
 * The address a source is throttled under (failed logins in auth, rate limits at the edge): an IPv4 address as is (an IPv4-mapped IPv6 one too), an IPv6
 * address by its /64, since one subscriber is routinely handed a whole /64 and could otherwise step to
 * a fresh address for every attempt. Anything else (the edge validates it is an IP) is kept verbatim.
 */
export function throttledSourceOf(address: string): string {
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(address);
  if (mapped && isIPv4(mapped[1])) return mapped[1];
  if (isIPv4(address)) return address;
  const withoutZone = address.split('%')[0];
  if (!isIPv6(withoutZone)) return address;
  return `${firstFourGroups(withoutZone).join(':')}::/64`;
}

/** The first four 16-bit groups of a valid IPv6 address, in lower-case hex without leading zeros. */
function firstFourGroups(address: string): string[] {
  const groupsOf = (part: string): string[] =>
    part === '' ? [] : part.split(':').flatMap((group) => (group.includes('.') ? ['0', '0'] : [group])); // an IPv4 tail is the last two
  const [head, tail] = address.split('::') as [string, string | undefined];
  const left = groupsOf(head);
  const right = tail === undefined ? [] : groupsOf(tail);
  const groups = [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right];
  return groups.slice(0, 4).map((group) => parseInt(group, 16).toString(16));
}
