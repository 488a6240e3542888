/** A payment the sandbox authorised with a card whose holder disputes it at once. */
export interface SandboxDisputedPayment {
  idempotencyKey: string;
  livemode: boolean;
  amount: number;
  currency: string;
  externalReference: string | null;
}

/** Where the sandbox sends the callback a real gateway would send about a new dispute. */
export abstract class SandboxDisputeSink {
  abstract disputeAfterSuccess(payment: SandboxDisputedPayment): Promise<void>;
}
