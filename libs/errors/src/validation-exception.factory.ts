import type { ValidationError } from 'class-validator';
import { isErrorCode, type ErrorCode } from './error-codes.js';
import { PayrailError } from './payrail-error.js';

/**
 * class-validator's errors, as Stripe reports them: the first offending parameter, named in bracket
 * notation (`metadata[order_id]`), with `parameter_unknown` / `parameter_missing` / `parameter_invalid`.
 */
export function validationExceptionFactory(errors: ValidationError[]): PayrailError {
  const first = firstLeaf(errors, '');
  if (!first) return new PayrailError('parameter_invalid', 'The request parameters are invalid.', { fromValidation: true });
  const { error, param } = first;
  const constraints = error.constraints ?? {};
  if ('whitelistValidation' in constraints) {
    return new PayrailError('parameter_unknown', `Received unknown parameter: ${param}`, { param, fromValidation: true });
  }
  if (error.value === undefined || error.value === null || error.value === '') {
    return new PayrailError('parameter_missing', `Missing required param: ${param}.`, { param, fromValidation: true });
  }
  const [constraint, reason = 'is invalid'] = Object.entries(constraints)[0] ?? [];
  const ownCode = (error.contexts?.[constraint ?? ''] as ValidationErrorContext | undefined)?.errorCode;
  if (isErrorCode(ownCode)) return new PayrailError(ownCode, reason, { param, fromValidation: true });
  return new PayrailError('parameter_invalid', `Invalid ${param}: ${reason}`, { param, fromValidation: true });
}

/**
 * The same, for a message on the bus: a scoped command's parameters sit under `params` beside the
 * caller, and are named as the caller sent them (`metadata[order_id]`, not `params[metadata][order_id]`),
 * as the edge would have named them.
 */
export function busValidationExceptionFactory(errors: ValidationError[]): PayrailError {
  return validationExceptionFactory(errors.flatMap((error) => (error.property === 'params' && !error.constraints ? (error.children ?? []) : [error])));
}

/**
 * What a validator may put in its `context` when `parameter_invalid` would not say what is wrong: its
 * own code from the catalogue (`amount_too_large`), and then its message is shown as it is.
 */
export interface ValidationErrorContext {
  errorCode: ErrorCode;
}

function firstLeaf(errors: ValidationError[], prefix: string): { error: ValidationError; param: string } | undefined {
  for (const error of errors) {
    const param = prefix ? `${prefix}[${error.property}]` : error.property;
    if (error.constraints && Object.keys(error.constraints).length > 0) return { error, param };
    const nested = firstLeaf(error.children ?? [], param);
    if (nested) return nested;
  }
  return undefined;
}
