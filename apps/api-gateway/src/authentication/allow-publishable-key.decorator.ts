import { SetMetadata } from '@nestjs/common';

export const ALLOWS_PUBLISHABLE_KEY = 'payrail:allows-publishable-key';

/**
 * Routes that client-side code may call with a publishable key, as Stripe allows: creating a PaymentMethod,
 * and retrieving or confirming a PaymentIntent with its client secret (the handler must check that, see
 * client-secret.ts). Every other route refuses publishable keys.
 */
export const AllowPublishableKey = () => SetMetadata(ALLOWS_PUBLISHABLE_KEY, true);
