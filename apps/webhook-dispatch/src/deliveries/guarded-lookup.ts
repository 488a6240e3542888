import { lookup as systemLookup, type LookupAddress } from 'node:dns';
import type { LookupFunction } from 'node:net';
import { refusedAddress, type DestinationScope } from '../webhook-endpoints/url-policy.js';

/** Resolves a host name to every address it has, as `dns.lookup(host, { all: true })` does. */
export type HostResolver = (hostname: string, family: number) => Promise<LookupAddress[]>;

export const systemResolver: HostResolver = (hostname, family) =>
  new Promise((resolve, reject) => {
    systemLookup(hostname, { all: true, family }, (error, addresses) => (error ? reject(error) : resolve(addresses)));
  });

/** A destination outside the endpoint's scope; its message names the kind of address, never the address. */
export class DestinationRefusedError extends Error {
  readonly code = 'EDESTINATIONREFUSED';

  constructor(reason: string) {
    super(`Refused: the endpoint resolves to ${reason}, which this webhook may not be sent to`);
  }
}

/**
 * The `lookup` of the sockets webhooks are sent on: the addresses a connection goes to are the ones
 * checked, at connect time, so a name that resolved to a public address when the endpoint was created
 * and to 169.254.169.254 now (DNS rebinding) is refused. If any address is refused, all are: the
 * connection could otherwise fall back to it.
 */
export function guardedLookup(scope: DestinationScope, resolve: HostResolver = systemResolver): LookupFunction {
  return (hostname, options, callback) => {
    resolve(hostname, options.family === 'IPv4' ? 4 : options.family === 'IPv6' ? 6 : Number(options.family ?? 0)).then(
      (addresses) => {
        const refused = addresses.map(({ address }) => refusedAddress(address, scope)).find((reason) => reason !== null);
        if (refused) return callback(new DestinationRefusedError(refused), '', 0);
        if (addresses.length === 0) return callback(Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' }), '', 0);
        if (options.all) return callback(null, addresses);
        callback(null, addresses[0].address, addresses[0].family);
      },
      (error: NodeJS.ErrnoException) => callback(error, '', 0),
    );
  };
}
