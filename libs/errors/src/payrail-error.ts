import { randomUUID } from 'node:crypto';
import { classify, isErrorCode, type ErrorCode } from './error-codes.js';

export interface PayrailErrorOptions {
  /** The request parameter at fault, in Stripe's bracket notation (`metadata[order]`). */
  param?: string;
  declineCode?: string;
  /** Extra fields for the envelope, e.g. the `payment_intent` a card error concerns. Never secrets. */
  details?: Record<string, unknown>;
  /** Raised by parameter validation, before any endpoint ran, whatever its code (`amount_too_large` too). */
  fromValidation?: boolean;
}

/** A domain failure with a code from the catalogue. Safe to show: its message goes to the caller verbatim. */
export class PayrailError extends Error {
  override readonly name = 'PayrailError';

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly options: PayrailErrorOptions = {},
  ) {
    super(message);
  }

  get param(): string | undefined {
    return this.options.param;
  }

  get status(): number {
    return classify(this.code).status;
  }

  static notFound(resource: string, id: string, param?: string): PayrailError {
    return new PayrailError('resource_missing', `No such ${resource}: '${id}'`, { param });
  }

  /** A failure we did not anticipate: the caller sees an id to quote, never the cause. */
  static internal(errorId: string = newErrorId()): PayrailError {
    return new PayrailError('internal_error', `An unexpected error occurred. Quote error id ${errorId} when asking for help.`, {
      details: { error_id: errorId },
    });
  }
}

export function newErrorId(): string {
  return `err_${randomUUID().replaceAll('-', '').slice(0, 24)}`;
}

/** How an error crosses the transport: plain JSON, rebuilt on the other side. */
export interface SerializedError {
  code: ErrorCode;
  message: string;
  param?: string;
  declineCode?: string;
  details?: Record<string, unknown>;
}

export function serializeError(error: unknown): SerializedError {
  const payrail = error instanceof PayrailError ? error : PayrailError.internal();
  return {
    code: payrail.code,
    message: payrail.message,
    ...(payrail.options.param !== undefined ? { param: payrail.options.param } : {}),
    ...(payrail.options.declineCode !== undefined ? { declineCode: payrail.options.declineCode } : {}),
    ...(payrail.options.details !== undefined ? { details: payrail.options.details } : {}),
  };
}

export function deserializeError(serialized: SerializedError): PayrailError {
  return new PayrailError(serialized.code, serialized.message, {
    param: serialized.param,
    declineCode: serialized.declineCode,
    details: serialized.details,
  });
}

export function isSerializedError(value: unknown): value is SerializedError {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Record<string, unknown>;
  return isErrorCode(candidate['code']) && typeof candidate['message'] === 'string';
}
