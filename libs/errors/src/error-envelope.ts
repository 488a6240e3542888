import { classify, type ErrorType } from './error-codes.js';
import { PayrailError } from './payrail-error.js';

/** Stripe's error body. Unset fields are omitted, as Stripe does, except `request_id`. */
export interface ErrorEnvelope {
  error: {
    type: ErrorType;
    code: string;
    message: string;
    param?: string;
    decline_code?: string;
    request_id: string | null;
    [detail: string]: unknown;
  };
}

export function toErrorEnvelope(error: PayrailError, requestId: string | null | undefined): { status: number; body: ErrorEnvelope } {
  const { status, type } = classify(error.code);
  return {
    status,
    body: {
      error: {
        ...error.options.details,
        type,
        code: error.code,
        message: error.message,
        ...(error.param !== undefined ? { param: error.param } : {}),
        ...(error.options.declineCode !== undefined ? { decline_code: error.options.declineCode } : {}),
        request_id: requestId ?? null,
      },
    },
  };
}
