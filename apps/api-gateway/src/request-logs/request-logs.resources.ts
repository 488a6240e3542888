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
  request_body: unknown;
  response_body: unknown;
}
