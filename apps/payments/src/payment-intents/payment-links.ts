/**
 * The customer-facing pages the edge serves for payments: the 3D Secure redirect page, the receipt
 * page and the hosted checkout page. With PAYRAIL_PUBLIC_URL set they are absolute (as in webhooks); without it they are paths that
 * the edge completes with the host the API was called on.
 */
export class PaymentLinks {
  private readonly base: string;

  constructor(publicUrl: string | undefined) {
    if (publicUrl && !/^https?:\/\/[^\s/]+/.test(publicUrl)) throw new Error('PAYRAIL_PUBLIC_URL must be an http(s) URL');
    this.base = (publicUrl ?? '').replace(/\/+$/, '');
  }

  authentication(paymentIntentId: string, token: string): string {
    return `${this.base}/v1/3ds/${encodeURIComponent(paymentIntentId)}?token=${encodeURIComponent(token)}`;
  }

  /** A Checkout Session's `url`: its unguessable id is the page's credential, as on Stripe. */
  checkout(sessionId: string): string {
    return `${this.base}/checkout/${encodeURIComponent(sessionId)}`;
  }

  receipt(chargeId: string, token: string): string {
    return `${this.base}/receipts/${encodeURIComponent(chargeId)}?token=${encodeURIComponent(token)}`;
  }
}
