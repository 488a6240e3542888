import { randomInt } from 'node:crypto';
import type { DarajaErrorBody } from '../daraja-wire.js';

/** A refusal as Daraja words it: the HTTP status and `{requestId, errorCode, errorMessage}`. */
export class DarajaError extends Error {
  readonly body: DarajaErrorBody;

  constructor(
    readonly status: number,
    errorCode: string,
    errorMessage: string,
  ) {
    super(errorMessage);
    this.body = { requestId: darajaRequestId(), errorCode, errorMessage };
  }
}

/** Daraja's ids of a request: `29115-34620561-1`. */
export function darajaRequestId(): string {
  return `${randomInt(10000, 99999)}-${randomInt(10_000_000, 99_999_999)}-1`;
}

/** Daraja answers every invalid field with 400.002.02 and names the field in the message. */
export function invalidField(field: string): DarajaError {
  return new DarajaError(400, '400.002.02', `Bad Request - Invalid ${field}`);
}

export const invalidToken = (): DarajaError => new DarajaError(401, '404.001.03', 'Invalid Access Token');
export const invalidAuthentication = (): DarajaError => new DarajaError(400, '400.008.01', 'Invalid Authentication passed');
export const invalidGrantType = (): DarajaError => new DarajaError(400, '400.008.02', 'Invalid grant type passed');
export const wrongCredentials = (): DarajaError => new DarajaError(500, '500.001.1001', 'Wrong credentials');
export const routeMissing = (): DarajaError => new DarajaError(404, '404.001.01', 'Resource not found');
