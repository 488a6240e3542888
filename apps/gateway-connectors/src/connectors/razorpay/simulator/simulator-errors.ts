import type { RazorpayErrorBody } from '../razorpay-wire.js';

/** A refusal as Razorpay words it: the HTTP status and its error envelope. */
export class SimulatorError extends Error {
  constructor(
    readonly status: number,
    readonly body: RazorpayErrorBody,
  ) {
    super(body.error.description);
  }
}

/** Razorpay answers 400 `BAD_REQUEST_ERROR` for invalid input and for ids it does not know alike. */
export function badRequest(description: string, field: string | null = null, metadata: Record<string, string> = {}): SimulatorError {
  return new SimulatorError(400, {
    error: { code: 'BAD_REQUEST_ERROR', description, source: 'business', step: 'payment_initiation', reason: 'input_validation_failed', metadata, field },
  });
}

export function unknownId(): SimulatorError {
  return badRequest('The id provided does not exist');
}

/** Razorpay's answer to missing or wrong Basic credentials. */
export function unauthorized(): SimulatorError {
  return new SimulatorError(401, {
    error: { code: 'BAD_REQUEST_ERROR', description: 'The api key provided is invalid', source: 'NA', step: 'NA', reason: 'NA', metadata: {} },
  });
}

export function routeMissing(): SimulatorError {
  return new SimulatorError(404, {
    error: { code: 'BAD_REQUEST_ERROR', description: 'The requested URL was not found on the server.', source: 'NA', step: 'NA', reason: 'NA', metadata: {} },
  });
}
