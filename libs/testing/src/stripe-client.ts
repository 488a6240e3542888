import Stripe from 'stripe';

/** The official Stripe SDK, pointed at Payrail. */
export function stripeClient(secretKey: string, baseUrl = process.env.PAYRAIL_TEST_BASE_URL!): Stripe {
  const url = new URL(baseUrl);
  return new Stripe(secretKey, {
    host: url.hostname,
    port: Number(url.port),
    protocol: url.protocol.replace(':', '') as 'http' | 'https',
    maxNetworkRetries: 0,
  });
}

export function sandboxCredentials(): { secret_key: string; publishable_key: string; merchant_id?: string } {
  return JSON.parse(process.env.PAYRAIL_TEST_CREDENTIALS!);
}
