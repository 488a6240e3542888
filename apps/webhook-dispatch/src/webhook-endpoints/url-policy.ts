import { isIP } from 'node:net';
import { classifyAddress, type AddressKind } from './special-addresses.js';

/**
 * Which addresses an endpoint may be delivered to. Live mode: public addresses only. Test mode: also
 * loopback and private networks when the operator opts in (the embedded sandbox does, so that a developer
 * can receive webhooks on localhost). Link-local, cloud metadata, multicast and other special-purpose
 * addresses are never reachable, whatever the mode.
 */
export type DestinationScope = 'public-only' | 'private-networks-too';

export function destinationScope(livemode: boolean, allowPrivateNetworksInTestMode: boolean): DestinationScope {
  return !livemode && allowPrivateNetworksInTestMode ? 'private-networks-too' : 'public-only';
}

const DESCRIPTIONS: Record<Exclude<AddressKind, 'public'>, string> = {
  loopback: 'a loopback address',
  private: 'a private network address',
  'link-local': 'a link-local address',
  'cloud-metadata': 'a cloud metadata address',
  multicast: 'a multicast or broadcast address',
  'special-purpose': 'a reserved or special-purpose address',
};

/** Why `address` (an IP literal) may not be delivered to in `scope`, e.g. "a link-local address"; null if it may. */
export function refusedAddress(address: string, scope: DestinationScope): string | null {
  const { kind } = classifyAddress(address);
  if (kind === 'public') return null;
  if (scope === 'private-networks-too' && (kind === 'loopback' || kind === 'private')) return null;
  return DESCRIPTIONS[kind];
}

/**
 * Why a URL's host is refused without looking it up: an IP literal outside the scope, or a name that
 * means this machine. Other names are checked on the addresses they resolve to, at each connection.
 */
export function refusedHostname(hostname: string, scope: DestinationScope): string | null {
  const host = hostname.replace(/^\[|\]$/g, '').replace(/\.$/, '').toLowerCase();
  if (isIP(host) !== 0) return refusedAddress(host, scope);
  const isLocalhost = host === 'localhost' || host.endsWith('.localhost');
  return isLocalhost && scope === 'public-only' ? DESCRIPTIONS.loopback : null;
}
