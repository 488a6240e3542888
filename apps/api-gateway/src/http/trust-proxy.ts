import { isIP } from 'node:net';

/** Express's names for address ranges (proxy-addr): loopback, link-local and unique-local addresses. */
const RANGE_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/** What Express's `trust proxy` is set to: off, a hop count, or the proxies' addresses. */
export type TrustProxySetting = false | number | string[];

/**
 * PAYRAIL_TRUST_PROXY, for an edge behind proxies or a load balancer: the number of proxy hops in front
 * of it ("1"), or the proxies' addresses, CIDR ranges and Express's range names ("loopback, 10.0.0.0/8").
 * Unset: off, and the caller's address is the connection's peer, whatever X-Forwarded-For says. `true`
 * (trust every hop) is refused: anyone reaching the edge directly could then forge their address.
 */
export function trustProxySetting(value: string | undefined): TrustProxySetting {
  const setting = value?.trim();
  if (!setting) return false;
  if (/^\d+$/.test(setting)) {
    const hops = Number(setting);
    if (hops >= 1 && hops <= 10) return hops;
  } else {
    const entries = setting.split(',').map((entry) => entry.trim());
    if (entries.every(isProxyAddress)) return entries;
  }
  throw new Error(
    'PAYRAIL_TRUST_PROXY must be a hop count from 1 to 10, or a comma-separated list of addresses, CIDR ranges, ' +
      "'loopback', 'linklocal' or 'uniquelocal'.",
  );
}

function isProxyAddress(entry: string): boolean {
  if (RANGE_NAMES.has(entry)) return true;
  const [address, prefix, ...rest] = entry.split('/');
  if (rest.length > 0 || !isIP(address)) return false;
  if (prefix === undefined) return true;
  const bits = /^\d{1,3}$/.test(prefix) ? Number(prefix) : NaN;
  return bits >= 0 && bits <= (isIP(address) === 4 ? 32 : 128);
}
