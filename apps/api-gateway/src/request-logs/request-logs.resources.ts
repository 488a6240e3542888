import { ApiProperty, type ApiPropertyOptions } from '@nestjs/swagger';

/** A body as sent or answered, redacted: any JSON value (a string for one that was not JSON), null without one. */
const ANY_JSON: ApiPropertyOptions = {
  description: 'Redacted; any JSON value, null without a body.',
  nullable: true,
  anyOf: [{ type: 'object' }, { type: 'array', items: {} }, { type: 'string' }, { type: 'number' }, { type: 'boolean' }],
};

/** A request log as the API shows it (Stripe-shaped: `object`, `created` in unix seconds). */
export class RequestLogResource {
  id: string;
  object: 'request_log';
  livemode: boolean;
  created: number;
  request_id: string;
  method: string;
  path: string;
  status: number;
  credential: string | null;
  idempotency_key: string | null;
  source_address: string;
  user_agent: string | null;
  latency_ms: number;
  @ApiProperty(ANY_JSON)
  request_body: unknown;
  @ApiProperty(ANY_JSON)
  response_body: unknown;
}
