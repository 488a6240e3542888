import { PayrailError } from '@payrail/errors';

/** The PayrailError that `work` refuses with; fails the test if it succeeds or throws anything else. */
export function refusal(work: () => unknown): PayrailError {
  try {
    work();
  } catch (error) {
    if (error instanceof PayrailError) return error;
    throw error;
  }
  throw new Error('expected a refusal, but it was accepted');
}
