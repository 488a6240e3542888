import type { PatternMap } from '@payrail/contracts';
import type { SerializedError } from '@payrail/errors';
import type { MessageBroker, Reply } from '@payrail/messaging';

const TIMEOUT_MS = 5000;

/**
 * Typed requests to a service under test over its broker, as the edge would send them. Takes a getter
 * because specs create the broker in beforeAll.
 */
export function busRequests(broker: () => MessageBroker) {
  function send<P extends keyof PatternMap>(pattern: P, request: PatternMap[P]['request']): Promise<Reply> {
    return broker().request(pattern, request, { timeoutMs: TIMEOUT_MS, headers: {} });
  }

  /** The reply's data; fails the test when the service refused. */
  async function ok<P extends keyof PatternMap>(pattern: P, request: PatternMap[P]['request']): Promise<PatternMap[P]['reply']> {
    const reply = await send(pattern, request);
    if (!reply.ok) throw new Error(`${pattern} refused: ${reply.error.code} ${reply.error.message}`);
    return reply.data as PatternMap[P]['reply'];
  }

  /** The refusal; fails the test when the service accepted. */
  async function refused<P extends keyof PatternMap>(pattern: P, request: PatternMap[P]['request']): Promise<SerializedError> {
    const reply = await send(pattern, request);
    if (reply.ok) throw new Error(`${pattern} unexpectedly succeeded`);
    return reply.error;
  }

  return { send, ok, refused };
}
