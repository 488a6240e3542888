import { MAX_AMOUNT_MINOR_ANY_CURRENCY, MAX_PAYMENT_METHOD_TYPES, PAYMENT_METHOD_TYPES } from '@payrail/domain';

/** The API reference, served at /openapi.json and rendered at /docs. Kept beside the routes it describes. */
const listParams = [
  { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 100, default: 10 } },
  { name: 'starting_after', in: 'query', schema: { type: 'string' } },
  { name: 'ending_before', in: 'query', schema: { type: 'string' } },
];
const idParam = [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }];
const formAndJson = (schema: object) => ({
  required: true,
  content: { 'application/x-www-form-urlencoded': { schema }, 'application/json': { schema } },
});
const object = (description: string) => ({ description, content: { 'application/json': { schema: { type: 'object' } } } });
const errors = {
  400: object('Invalid request: `{error:{type,code,message,param,request_id}}`'),
  401: object('Missing or invalid API key'),
  402: object('Card declined (`type: card_error`, with `decline_code`)'),
  404: object('`resource_missing`: no such object for this merchant and mode'),
};
const metadata = { type: 'object', additionalProperties: { type: 'string', maxLength: 500 }, maxProperties: 50 };
const amount = {
  type: 'integer',
  minimum: 1,
  maximum: Number(MAX_AMOUNT_MINOR_ANY_CURRENCY),
  description: 'In the currency\'s smallest unit: at most 99999999 (USD 999,999.99, JPY 99,999,999), 999999990 for three-decimal currencies (KWD 999,999.990). Beyond it: `amount_too_large`; below 1: `amount_too_small`.',
};
const paymentMethodTypes = { type: 'array', items: { enum: [...PAYMENT_METHOD_TYPES] }, maxItems: MAX_PAYMENT_METHOD_TYPES, description: 'Repeated types count once.' };
/** Stripe's `created[gt]`, `created[gte]`, `created[lt]`, `created[lte]` on lists (unix seconds). */
const createdFilterParam = {
  name: 'created',
  in: 'query',
  style: 'deepObject',
  schema: { type: 'object', properties: { gt: { type: 'integer' }, gte: { type: 'integer' }, lt: { type: 'integer' }, lte: { type: 'integer' } } },
};

const expandParam = {
  name: 'expand',
  in: 'query',
  description:
    'Stripe\'s `expand[]`: dotted paths of fields whose ids are replaced by the objects they name, up to 4 levels (`latest_charge.customer`; `data.customer` on a list). Expandable: payment_intent `customer`, `payment_method`, `latest_charge`; charge `customer`, `payment_intent`, `balance_transaction` (the ledger\'s, once it has booked the captured charge); payment_method `customer`; customer `invoice_settings.default_payment_method`. A null field stays null. GETs take it in the query (`expand[]=x` or `expand[0]=x`); the POSTs of these objects (create, update, confirm, capture, cancel, attach, detach) take it in the body, form-encoded or as a JSON array. Any other path is a 400 `parameter_invalid` with `param: expand[n]`.',
  style: 'deepObject',
  schema: { type: 'array', items: { type: 'string' } },
};

export const OPENAPI_DOCUMENT = {
  openapi: '3.0.3',
  info: {
    title: 'Payrail API',
    version: '1.0.0',
    description:
      'Stripe-shaped payments API. Amounts are integers in the currency\'s minor unit. Authenticate with `Authorization: Bearer sk_test_…` (or HTTP Basic with the key as username, or `X-API-Key`). Every response carries a `Request-Id` header. Webhooks are signed with `Payments-Signature: t=<unix>,v1=<hex HMAC-SHA256 of "t.body">`, verifiable with `stripe.webhooks.constructEvent`.' +
      ' Idempotency: send `Idempotency-Key: <unique key, at most 255 characters>` on any POST (the Stripe SDKs key every POST themselves) so that a retry gets the first answer instead of running again. That answer (status and body) is kept for 24 hours per merchant and mode and replayed for the same key with `Idempotent-Replayed: true` and `Original-Request: <first request id>`; the replay has its own `Request-Id`. The same key with other parameters is a 400 `idempotency_error`; while the first request still runs, a 409 `idempotency_key_in_use` (retry later). Nothing is kept when a request fails validation or with a 5xx: the key is free for the retry. GET and DELETE ignore the header.' +
      ' Publishable keys (`pk_test_…`, for client-side code such as Stripe.js) may only create a PaymentMethod (`POST /v1/payment_methods`) and retrieve or confirm a PaymentIntent with its `client_secret` (query on retrieve, body on confirm): a missing `client_secret` is a 400 `parameter_missing`, a wrong one a 404 `resource_missing`. Any other call with a publishable key is a 403 `permission_denied`. A secret key may send `client_secret`; it is ignored.' +
      ' HMAC-signed requests (a merchant\'s server, instead of an API key): send `X-API-KEY: hk_…` (the signing key id), `X-API-TIMESTAMP` (unix seconds), `X-API-NONCE` (1 to 128 visible ASCII characters, new for every request) and `X-API-SIGNATURE`: the lowercase hex HMAC-SHA256, under the signing secret, of `METHOD + "\\n" + PATH + "\\n" + TIMESTAMP + "\\n" + NONCE + "\\n" + RAW_BODY` (PATH with the query string exactly as sent; RAW_BODY empty when there is none). A signed request has a secret key\'s access. Refusals are 401s: `signing_key_invalid` (unknown or revoked key), `signature_invalid`, `timestamp_out_of_range` (more than 300 s from the server\'s time), `nonce_reused` (the nonce was used with this key within the window), `authentication_required` (a header missing, named in the message).',
  },
  components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' }, basic: { type: 'http', scheme: 'basic' } } },
  security: [{ bearer: [] }, { basic: [] }],
  paths: {
    '/health': { get: { summary: 'Readiness of every service', security: [], responses: { 200: object('All services up'), 503: object('Some service down') } } },
    '/v1/payment_intents': {
      post: {
        summary: 'Create a PaymentIntent',
        requestBody: formAndJson({
          type: 'object',
          required: ['amount', 'currency'],
          properties: {
            amount, currency: { type: 'string', example: 'usd' },
            payment_method_types: paymentMethodTypes, capture_method: { enum: ['automatic', 'manual'] },
            confirmation_method: { enum: ['automatic', 'manual'] }, description: { type: 'string' }, metadata,
            receipt_email: { type: 'string' }, statement_descriptor: { type: 'string', maxLength: 22 },
            payment_method: { type: 'string' }, confirm: { type: 'boolean' }, customer: { type: 'string' }, return_url: { type: 'string' },
          },
        }),
        responses: { 200: object('PaymentIntent'), ...errors },
      },
      get: {
        summary: 'List PaymentIntents, newest first',
        parameters: [
          ...listParams,
          { name: 'customer', in: 'query', schema: { type: 'string' } },
          createdFilterParam,
          expandParam,
        ],
        responses: { 200: object('List') },
      },
    },
    '/v1/payment_intents/{id}': {
      get: {
        summary: 'Retrieve a PaymentIntent',
        description:
          'Payrail extension: `reconciliation: {status: scheduled|gave_up, attempts, next_attempt_at, last_error}` while the intent is `processing` and Payrail is settling an unknown gateway outcome (null otherwise, and never shown to a publishable key). `gave_up`: a week of asking the gateway did not settle it; it stays `processing` until resolved. An intent in `requires_action` at a gateway that hosts 3-D Secure itself (Stripe) has `next_action.redirect_to_url.url` on the gateway\'s page, which sends the customer back to your `return_url`; retrieving it then (or the gateway\'s webhook) settles it from the gateway\'s record.',
        parameters: [...idParam, { name: 'client_secret', in: 'query', description: 'Required with a publishable key', schema: { type: 'string' } }, expandParam],
        responses: { 200: object('PaymentIntent'), 404: errors[404] },
      },
      post: {
        summary:
          'Update a PaymentIntent. amount, currency, customer, payment_method, capture_method and statement_descriptor only before anything is authorised (requires_payment_method, requires_confirmation, requires_action); description, metadata (merged: an empty value unsets a key, `metadata=` clears all) and receipt_email at any status. A new payment_method means confirming again.',
        parameters: idParam,
        requestBody: formAndJson({
          type: 'object',
          properties: {
            amount, currency: { type: 'string' }, customer: { type: 'string' }, description: { type: 'string' },
            metadata, payment_method: { type: 'string' }, receipt_email: { type: 'string' }, statement_descriptor: { type: 'string', maxLength: 22 },
            capture_method: { enum: ['automatic', 'manual'] },
          },
        }),
        responses: { 200: object('PaymentIntent'), ...errors },
      },
    },
    '/v1/payment_intents/{id}/confirm': {
      post: {
        summary:
          'Confirm a PaymentIntent: authorises through the routed gateway connector. A card that asks for 3D Secure (pm_card_threeDSecure2Required, pm_card_authenticationRequired) leaves it in requires_action with next_action.redirect_to_url: send the customer to its url; they come back to return_url with payment_intent, payment_intent_client_secret and redirect_status. Without return_url the page tells the customer the result itself. Through a Razorpay account the intent answers requires_action with `next_action: {type: "razorpay_checkout", razorpay_checkout: {order_id, key_id, amount, currency}}`: open Razorpay Checkout for that order, then confirm again with Checkout\'s `razorpay_payment_id` and `razorpay_signature` (hex HMAC-SHA256 of `order_id|payment_id` with the key secret, verified; a wrong one is a 400 naming `razorpay_signature` and changes nothing).',
        parameters: idParam,
        requestBody: formAndJson({
          type: 'object',
          properties: {
            payment_method: { type: 'string', example: 'pm_card_visa' },
            return_url: { type: 'string' },
            client_secret: { type: 'string', description: 'Required with a publishable key' },
            razorpay_payment_id: { type: 'string', description: 'Razorpay Checkout result (with razorpay_signature)', example: 'pay_29QQoUBi66xm2f' },
            razorpay_signature: { type: 'string', description: 'Razorpay Checkout result (with razorpay_payment_id)' },
          },
        }),
        responses: { 200: object('PaymentIntent (succeeded, or requires_capture for manual capture)'), ...errors },
      },
    },
    '/v1/refunds': {
      post: {
        summary: 'Refund a charge, fully or in part (several partial refunds allowed)',
        requestBody: formAndJson({ type: 'object', properties: { payment_intent: { type: 'string' }, charge: { type: 'string' }, amount, reason: { enum: ['duplicate', 'fraudulent', 'requested_by_customer'] }, metadata } }),
        responses: { 200: object('Refund'), ...errors },
      },
      get: { summary: 'List refunds', parameters: [...listParams, { name: 'payment_intent', in: 'query', schema: { type: 'string' } }], responses: { 200: object('List') } },
    },
    '/v1/balance': {
      get: { summary: 'The merchant\'s balance per currency: `available` (payable) and `pending` (charges within the payout delay), from the ledger', responses: { 200: object('Balance') } },
    },
    '/v1/balance_transactions': {
      get: {
        summary: 'List balance transactions (charges, refunds, dispute adjustments), newest first, each with its `fee` and `net`',
        parameters: [
          ...listParams,
          { name: 'type', in: 'query', schema: { enum: ['charge', 'refund', 'adjustment'] } },
          { name: 'source', in: 'query', schema: { type: 'string' }, description: 'A charge, refund or dispute id' },
          createdFilterParam,
        ],
        responses: { 200: object('List'), 400: errors[400] },
      },
    },
    '/v1/balance_transactions/{id}': { get: { summary: 'Retrieve a balance transaction', parameters: idParam, responses: { 200: object('BalanceTransaction'), 404: errors[404] } } },
    '/v1/reporting/summary': {
      get: {
        summary: 'The merchant\'s numbers per currency over `[created[gte], created[lt])` (unix seconds; default the last 30 days), from the ledger: `charges_succeeded`, `refunds`, `disputes` and `dispute_reversals` (count and amount), `fees`, `net`, and the current `balance`; `charges_failed` from payments (a failed attempt moves no money, so the ledger never sees it)',
        parameters: [
          { name: 'created[gte]', in: 'query', schema: { type: 'integer' } },
          { name: 'created[lt]', in: 'query', schema: { type: 'integer' } },
          { name: 'currency', in: 'query', schema: { type: 'string' }, description: 'Only this currency' },
        ],
        responses: { 200: object('ReportingSummary'), 400: errors[400] },
      },
    },
    '/v1/accounts': {
      post: {
        summary: 'Open a ledger account holding money in one currency (status `active`)',
        requestBody: formAndJson({ type: 'object', required: ['currency'], properties: { currency: { type: 'string' }, description: { type: 'string' }, external_reference: { type: 'string' }, metadata } }),
        responses: { 200: object('LedgerAccount'), 400: errors[400] },
      },
      get: {
        summary: 'List ledger accounts, with `available_balance` and `pending_balance`. Test mode starts with `test_acc_001` (10,000.00 USD), `test_acc_002` (5,000.00 USD) and `test_acc_empty`',
        parameters: [...listParams, { name: 'status', in: 'query', schema: { enum: ['active', 'frozen', 'closed'] } }, { name: 'external_reference', in: 'query', schema: { type: 'string' } }],
        responses: { 200: object('List') },
      },
    },
    '/v1/accounts/{id}': {
      get: { summary: 'Retrieve a ledger account', parameters: idParam, responses: { 200: object('LedgerAccount'), 404: errors[404] } },
      post: {
        summary: 'Update a ledger account: `status` (`active`, `frozen`: neither sends nor receives; `closed`: final, only when empty), description, metadata',
        parameters: idParam,
        requestBody: formAndJson({ type: 'object', properties: { status: { enum: ['active', 'frozen', 'closed'] }, description: { type: 'string' }, metadata } }),
        responses: { 200: object('LedgerAccount'), 404: errors[404], 422: object('`account_status_invalid`') },
      },
    },
    '/v1/accounts/{id}/balance': { get: { summary: 'A ledger account\'s available and pending balance', parameters: idParam, responses: { 200: object('Balance'), 404: errors[404] } } },
    '/v1/transfers': {
      post: {
        summary:
          'Move money between two ledger accounts of one currency. `RTP` is `COMPLETED` in the response; `ACH_CREDIT`/`ACH_DEBIT` and `WIRE_DOMESTIC`/`WIRE_INTERNATIONAL` are `PENDING` (the amount held) until they settle (`PAYRAIL_ACH_SETTLEMENT_MS`, `PAYRAIL_WIRE_SETTLEMENT_MS`). Wires cost the sender 25 (domestic) or 45 (international) of the currency. In test mode an ACH transfer with `metadata[sandbox_return_code]` (R01, R02, R03, R04, R10) is `RETURNED` with that code. 422 `insufficient_funds` (with `details`: account_id, requested_amount, available_balance) or `account_status_invalid`',
        requestBody: formAndJson({
          type: 'object',
          required: ['from_account', 'to_account', 'payment_type', 'amount'],
          properties: {
            from_account: { type: 'string' },
            to_account: { type: 'string' },
            payment_type: { enum: ['RTP', 'ACH_CREDIT', 'ACH_DEBIT', 'WIRE_DOMESTIC', 'WIRE_INTERNATIONAL'] },
            amount,
            currency: { type: 'string' },
            description: { type: 'string' },
            external_reference: { type: 'string' },
            metadata,
          },
        }),
        responses: { 200: object('Transfer'), ...errors, 422: object('`insufficient_funds` or `account_status_invalid`') },
      },
      get: {
        summary: 'List transfers, newest first',
        parameters: [
          ...listParams,
          { name: 'account', in: 'query', schema: { type: 'string' }, description: 'From or to this account' },
          { name: 'status', in: 'query', schema: { enum: ['PENDING', 'COMPLETED', 'FAILED', 'RETURNED'] } },
          { name: 'payment_type', in: 'query', schema: { enum: ['RTP', 'ACH_CREDIT', 'ACH_DEBIT', 'WIRE_DOMESTIC', 'WIRE_INTERNATIONAL'] } },
          { name: 'external_reference', in: 'query', schema: { type: 'string' } },
          createdFilterParam,
        ],
        responses: { 200: object('List') },
      },
    },
    '/v1/transfers/{id}': { get: { summary: 'Retrieve a transfer (poll it for its status)', parameters: idParam, responses: { 200: object('Transfer'), 404: errors[404] } } },
    '/api/v1/accounts': { get: { summary: 'Payment Engine document: the merchant\'s ledger accounts (`availableBalance`, `pendingBalance` as decimals, `currencyCode`)', responses: { 200: object('{data, hasMore}') } } },
    '/api/v1/accounts/{id}': { get: { summary: 'Payment Engine document: one ledger account', parameters: idParam, responses: { 200: object('Account'), 404: object('`{error:{code: NOT_FOUND, message, details, timestamp, requestId}}`') } } },
    '/api/v1/accounts/{id}/balance': { get: { summary: 'Payment Engine document: `{accountId, availableBalance, pendingBalance, currencyCode}`', parameters: idParam, responses: { 200: object('Balance') } } },
    '/api/v1/client/dashboard': {
      get: {
        summary: 'Gateway API document (HMAC-signed): `{success, data: {total_transactions, total_success, total_failed, total_amount, commission_amount, currency, currencies, from, to}}`, the reporting summary in major units; same `created[gte]`, `created[lt]` and `currency` parameters, default the last 30 days',
        responses: { 200: object('Dashboard'), 401: object('Invalid signature') },
      },
    },
    '/api/v1/transactions': {
      post: {
        summary: 'Payment Engine document: a transfer with its field names (`fromAccountId`, `toAccountId`, `paymentTypeId`, decimal `amount`, `currencyCode`, `description`, `externalReference`, `metadata`); errors in its body with `INSUFFICIENT_FUNDS` / `INVALID_ACCOUNT_STATUS` (422), `INVALID_REQUEST` (400)',
        requestBody: { required: true, content: { 'application/json': { schema: { type: 'object', required: ['fromAccountId', 'toAccountId', 'paymentTypeId', 'amount'] } } } },
        responses: { 201: object('Transaction'), 400: object('INVALID_REQUEST'), 422: object('INSUFFICIENT_FUNDS or INVALID_ACCOUNT_STATUS') },
      },
      get: {
        summary: 'Payment Engine document: transactions, newest first (`accountId`, `status`, `limit`, `startingAfter`). An HMAC-signed request gets the gateway API document\'s list instead: `{success, data: [{transaction_id, order_id, amount, currency, status, refunded_amount, payment_method, created_at}], pagination: {page, limit, total, total_pages}}` by `page`, `limit`, `status` (pending, success, failed, refunded, disputed), `order_id`, `from_date`, `to_date`',
        responses: { 200: object('{data, hasMore}'), 422: object('Validation failed (signed requests)') },
      },
    },
    '/api/v1/refund': {
      post: {
        summary: 'Gateway API document (HMAC-signed): refund a paid transaction, `{transaction_id, amount (major units, optional), reason (free text)}` → 201 `{success, message, data: {refund_id, transaction_id, amount, currency, reason, status}}`',
        responses: { 201: object('Refund'), 404: object('Transaction not found'), 422: object('Validation failed') },
      },
    },
    '/api/v1/api-keys/regenerate': {
      post: {
        summary: 'Gateway API document (HMAC-signed): a new signing key for the one that signed the request, which is revoked at once → 201 `{data: {api_key, secret_key}}`; `client_id` is accepted and not needed',
        responses: { 201: object('Keys'), 401: object('Invalid signature') },
      },
    },
    '/api/v1/client/profile': { get: { summary: 'Gateway API document (HMAC-signed): `{client_id, name, email, country, default_currency, mode, created_at}`', responses: { 200: object('Profile') } } },
    '/api/v1/gateways': { get: { summary: 'Gateway API document (HMAC-signed): the gateways the client can route to now, `{gateway, status, payment_methods, currencies, refunds}`', responses: { 200: object('Gateways') } } },
    '/api/v1/gateways/health': { get: { summary: 'Gateway API document (HMAC-signed): per gateway account `{gateway, gateway_account, enabled, status, reason, uptime, success_rate, latency_ms, circuit}`', responses: { 200: object('Health') } } },
    '/api/v1/transactions/{id}': { get: { summary: 'Payment Engine document: one transaction', parameters: idParam, responses: { 200: object('Transaction'), 404: object('NOT_FOUND') } } },
    '/api/v1/transactions/{id}/status': { get: { summary: 'Payment Engine document: `{id, status, failureReason, returnCode, completedAt}` for polling', parameters: idParam, responses: { 200: object('Status'), 404: object('NOT_FOUND') } } },
    '/v1/refunds/{id}': {
      get: {
        summary: 'Retrieve a refund',
        description:
          'Payrail extension: `reconciliation: {status: scheduled|gave_up, attempts, next_attempt_at, last_error}` while the refund is `pending` and Payrail is asking the gateway how it ended (null otherwise). `gave_up`: a week of asking did not settle it.',
        parameters: idParam,
        responses: { 200: object('Refund'), 404: errors[404] },
      },
    },
    '/v1/webhook_endpoints': {
      post: {
        summary: 'Create a webhook endpoint; the response alone carries its `whsec_` signing secret',
        description:
          '`signature_scheme` picks the headers each delivery carries: `payrail` (default, `Payments-Signature: t=<unix>,v1=<hex HMAC-SHA256 of "t.body">`), `stripe` (the same value in `Stripe-Signature`, for `stripe.webhooks.constructEvent`), `standard-webhooks` (`webhook-id` = the event id, `webhook-timestamp`, `webhook-signature: v1,<base64>`, secret `whsec_<base64>`) or `sha256-hex` (`X-Webhook-Signature: sha256=<hex HMAC-SHA256 of the raw body>`, keyed by the whole secret). `enabled_events` are types from the event catalogue or `*`; an unknown type is a 400 naming `enabled_events`. `retry_schedule` is the delays in seconds before each retry (`retry_schedule[]=60&retry_schedule[]=300&retry_schedule[]=900`, at most 20, each up to 3 days, 7 days in all); without it, about 3 days of backoff. `api_version` is one the platform renders (`2026-01-01`).',
        requestBody: formAndJson({
          type: 'object',
          required: ['url', 'enabled_events'],
          properties: {
            url: { type: 'string' },
            enabled_events: { type: 'array', items: { type: 'string' } },
            description: { type: 'string' },
            metadata,
            api_version: { type: 'string' },
            signature_scheme: { type: 'string', enum: ['payrail', 'stripe', 'standard-webhooks', 'sha256-hex'] },
            retry_schedule: { type: 'array', items: { type: 'integer', minimum: 1, maximum: 259200 }, maxItems: 20 },
          },
        }),
        responses: { 200: object('WebhookEndpoint'), ...errors },
      },
      get: { summary: 'List webhook endpoints', parameters: listParams, responses: { 200: object('List') } },
    },
    '/v1/webhook_endpoints/{id}': {
      get: { summary: 'Retrieve a webhook endpoint', parameters: idParam, responses: { 200: object('WebhookEndpoint'), 404: errors[404] } },
      post: {
        summary: 'Update a webhook endpoint: `disabled=true` stops deliveries, `disabled=false` re-enables it (also after the platform disabled it), metadata merges, an empty `retry_schedule` returns to the default',
        parameters: idParam,
        requestBody: formAndJson({
          type: 'object',
          properties: {
            url: { type: 'string' },
            enabled_events: { type: 'array', items: { type: 'string' } },
            description: { type: 'string' },
            metadata,
            disabled: { type: 'boolean' },
            retry_schedule: { type: 'array', items: { type: 'integer', minimum: 1, maximum: 259200 }, maxItems: 20 },
          },
        }),
        responses: { 200: object('WebhookEndpoint'), ...errors },
      },
      delete: { summary: 'Delete a webhook endpoint', parameters: idParam, responses: { 200: object('Deleted'), 404: errors[404] } },
    },
    '/v1/webhook_endpoints/{id}/rotate_secret': {
      post: {
        summary: 'A new signing secret, in this answer only; the old one keeps signing beside it for `expires_in` seconds (default 86400, at most 604800, 0 at once), shown as `previous_secret_expires`',
        description:
          'During the overlap `payrail` and `stripe` carry two `v1=` values and `standard-webhooks` two `v1,` signatures, so a receiver holding either secret verifies. `sha256-hex` carries one signature: it stays made with the old secret until the overlap ends, then with the new one.',
        parameters: idParam,
        requestBody: formAndJson({ type: 'object', properties: { expires_in: { type: 'integer', minimum: 0, maximum: 604800 } } }),
        responses: { 200: object('WebhookEndpoint'), ...errors },
      },
    },
    '/v1/webhook_endpoints/{id}/deliveries': {
      get: {
        summary: 'The endpoint\'s deliveries, newest first: `{id: "wd_…", object: "webhook_delivery", event, webhook_endpoint, status: pending|succeeded|failed|canceled, attempt_count, next_retry, created, livemode, attempts: [{attempt, status, response_status_code, response_body (first 1 KiB, secrets redacted), latency_ms, error, created}]}`',
        parameters: [...idParam, ...listParams],
        responses: { 200: object('List'), 404: errors[404] },
      },
    },
    '/v1/webhook_endpoints/{id}/test': {
      post: { summary: 'Sends a `payrail.test` event, signed, to this endpoint only; answers the event', parameters: idParam, responses: { 200: object('Event'), 404: errors[404] } },
    },
    '/v1/events': { get: { summary: 'List events', parameters: [...listParams, { name: 'type', in: 'query', schema: { type: 'string' } }], responses: { 200: object('List') } } },
    '/v1/events/{id}': { get: { summary: 'Retrieve an event', parameters: idParam, responses: { 200: object('Event'), 404: errors[404] } } },
    '/v1/events/{id}/deliveries': {
      get: { summary: 'The event\'s deliveries, one per endpoint, with every attempt (as for an endpoint\'s)', parameters: [...idParam, ...listParams], responses: { 200: object('List'), 404: errors[404] } },
    },
    '/v1/events/{id}/resend': {
      post: {
        summary: 'Sends the event again now, with the same event id: to `webhook_endpoint` (any enabled endpoint of yours), or to every enabled endpoint subscribed to its type',
        parameters: idParam,
        requestBody: formAndJson({ type: 'object', properties: { webhook_endpoint: { type: 'string' } } }),
        responses: { 200: object('Event'), 404: errors[404] },
      },
    },
    '/v1/request_logs': {
      get: {
        summary: "List the merchant's API requests, newest first (bodies redacted)",
        parameters: [
          ...listParams,
          { name: 'status', in: 'query', schema: { type: 'integer' } },
          { name: 'method', in: 'query', schema: { type: 'string' } },
          { name: 'path', in: 'query', schema: { type: 'string' } },
          { name: 'request_id', in: 'query', schema: { type: 'string' } },
          { name: 'created', in: 'query', style: 'deepObject', schema: { type: 'object' } },
        ],
        responses: { 200: object('List'), 400: errors[400] },
      },
    },
    '/v1/request_logs/{id}': { get: { summary: 'Retrieve a request log by its request id', parameters: idParam, responses: { 200: object('RequestLog'), 404: errors[404] } } },
    '/v1/payment_methods': {
      post: {
        summary: 'Create a card PaymentMethod (test mode: raw test card numbers) or an M-Pesa one. A card number is tokenised by the gateway connector and never stored; invalid cards get a 402 card_error (`incorrect_number`, `invalid_number`, `invalid_expiry_month`, `invalid_expiry_year`, `invalid_cvc`). `type=mpesa` takes `mpesa[phone_number]` (`07…`, `01…`, `+254…` or `254…`), stored and shown as `2547XXXXXXXX`; another number is a 400 naming `mpesa[phone_number]`',
        requestBody: formAndJson({
          type: 'object',
          required: ['type'],
          properties: {
            type: { enum: ['card', 'mpesa'] },
            mpesa: { type: 'object', required: ['phone_number'], properties: { phone_number: { type: 'string', example: '254708374149' } } },
            card: {
              type: 'object',
              required: ['number', 'exp_month', 'exp_year'],
              properties: { number: { type: 'string', example: '4242424242424242' }, exp_month: { type: 'integer' }, exp_year: { type: 'integer' }, cvc: { type: 'string' } },
            },
            billing_details: {
              type: 'object',
              properties: {
                address: { type: 'object', properties: Object.fromEntries(['city', 'country', 'line1', 'line2', 'postal_code', 'state'].map((field) => [field, { type: 'string' }])) },
                email: { type: 'string' }, name: { type: 'string' }, phone: { type: 'string' },
              },
            },
            metadata,
          },
        }),
        responses: { 200: object('PaymentMethod'), ...errors },
      },
      get: {
        summary: 'List payment methods, newest first',
        parameters: [...listParams, { name: 'customer', in: 'query', schema: { type: 'string' } }, { name: 'type', in: 'query', schema: { enum: ['card'] } }, expandParam],
        responses: { 200: object('List'), 404: errors[404] },
      },
    },
    '/v1/payment_methods/{id}': {
      get: { summary: 'Retrieve a PaymentMethod; a Stripe test token (`pm_card_visa`) makes a new one', parameters: [...idParam, expandParam], responses: { 200: object('PaymentMethod'), 404: errors[404] } },
    },
    '/v1/payment_methods/{id}/attach': {
      post: {
        summary: 'Attach a PaymentMethod to a customer',
        parameters: idParam,
        requestBody: formAndJson({ type: 'object', required: ['customer'], properties: { customer: { type: 'string' } } }),
        responses: { 200: object('PaymentMethod'), ...errors },
      },
    },
    '/v1/payment_methods/{id}/detach': {
      post: { summary: 'Detach a PaymentMethod from its customer (and unset it as the default)', parameters: idParam, responses: { 200: object('PaymentMethod'), ...errors } },
    },
    '/v1/customers': {
      post: {
        summary: 'Create a customer',
        requestBody: formAndJson({
          type: 'object',
          properties: {
            email: { type: 'string' }, name: { type: 'string' }, phone: { type: 'string' }, description: { type: 'string' }, metadata,
            payment_method: { type: 'string', description: 'Attached to the new customer' },
            invoice_settings: { type: 'object', properties: { default_payment_method: { type: 'string' } } },
          },
        }),
        responses: { 200: object('Customer'), ...errors },
      },
      get: {
        summary: 'List customers, newest first',
        parameters: [
          ...listParams,
          { name: 'email', in: 'query', schema: { type: 'string' } },
          createdFilterParam,
          expandParam,
        ],
        responses: { 200: object('List') },
      },
    },
    '/v1/customers/{id}': {
      get: { summary: 'Retrieve a customer (a deleted one answers `{id, object, deleted: true}`)', parameters: [...idParam, expandParam], responses: { 200: object('Customer'), 404: errors[404] } },
      post: {
        summary: 'Update a customer: an empty string unsets a field; metadata keys merge; `invoice_settings[default_payment_method]` must be attached to the customer',
        parameters: idParam,
        requestBody: formAndJson({
          type: 'object',
          properties: {
            email: { type: 'string' }, name: { type: 'string' }, phone: { type: 'string' }, description: { type: 'string' }, metadata,
            invoice_settings: { type: 'object', properties: { default_payment_method: { type: 'string' } } },
          },
        }),
        responses: { 200: object('Customer'), ...errors },
      },
      delete: { summary: 'Delete a customer and detach its payment methods', parameters: idParam, responses: { 200: object('Deleted'), 404: errors[404] } },
    },
    '/v1/customers/{id}/payment_methods': {
      get: { summary: "List a customer's payment methods", parameters: [...idParam, ...listParams, { name: 'type', in: 'query', schema: { enum: ['card'] } }, expandParam], responses: { 200: object('List'), 404: errors[404] } },
    },
    '/v1/customers/{id}/payment_methods/{payment_method}': {
      get: {
        summary: "Retrieve one of a customer's payment methods",
        parameters: [...idParam, { name: 'payment_method', in: 'path', required: true, schema: { type: 'string' } }, expandParam],
        responses: { 200: object('PaymentMethod'), 404: errors[404] },
      },
    },
    '/v1/payment_intents/{id}/capture': {
      post: {
        summary: 'Capture a requires_capture PaymentIntent: all of amount_capturable, or amount_to_capture (the rest is released). amount_received becomes the captured amount.',
        parameters: idParam,
        requestBody: formAndJson({ type: 'object', properties: { amount_to_capture: amount, metadata } }),
        responses: { 200: object('PaymentIntent (succeeded)'), ...errors },
      },
    },
    '/v1/payment_intents/{id}/cancel': {
      post: {
        summary: 'Cancel a PaymentIntent in requires_payment_method, requires_confirmation, requires_action or requires_capture (the authorisation is released)',
        parameters: idParam,
        requestBody: formAndJson({ type: 'object', properties: { cancellation_reason: { enum: ['abandoned', 'duplicate', 'fraudulent', 'requested_by_customer'] } } }),
        responses: { 200: object('PaymentIntent (canceled)'), ...errors },
      },
    },
    '/v1/charges': {
      get: {
        summary: 'List charges, newest first',
        parameters: [
          ...listParams,
          { name: 'payment_intent', in: 'query', schema: { type: 'string' } },
          { name: 'customer', in: 'query', schema: { type: 'string' } },
          createdFilterParam,
          expandParam,
        ],
        responses: { 200: object('List') },
      },
    },
    '/v1/charges/{id}': {
      get: {
        summary: 'Retrieve a charge',
        description:
          'Payrail extension on the Charge: `gateway: {gateway_account, gateway, reference, attempts: [{gateway_account, gateway, outcome, failure_code, latency_ms, created}]}`: the account that took the charge (null for the built-in sandbox), the gateway\'s own reference, and every account tried, oldest first (`outcome`: `answered`, `rejected`, `unreachable` (failed over), `outcome_unknown`, `error`, `circuit_open`). Null on charges recorded before it existed.',
        parameters: [...idParam, expandParam],
        responses: { 200: object('Charge'), 404: errors[404] },
      },
    },
    '/v1/3ds/{id}': {
      get: {
        summary: 'The 3D Secure page of next_action.redirect_to_url.url (HTML, no API key; the single-use token is the credential)',
        security: [],
        parameters: [...idParam, { name: 'token', in: 'query', required: true, schema: { type: 'string' } }],
        responses: { 200: { description: 'HTML page with Complete / Fail authentication buttons' }, 404: { description: 'Invalid or used link' } },
      },
      post: {
        summary: 'The page\'s form: outcome=complete|fail; answers 303 to return_url',
        security: [],
        parameters: idParam,
        requestBody: { required: true, content: { 'application/x-www-form-urlencoded': { schema: { type: 'object', required: ['token', 'outcome'], properties: { token: { type: 'string' }, outcome: { enum: ['complete', 'fail'] } } } } } },
        responses: { 303: { description: 'Back to return_url' }, 200: { description: 'Result page when there is no return_url' }, 404: { description: 'Invalid or used link' } },
      },
    },
    '/receipts/{id}': {
      get: {
        summary: 'A charge\'s printable receipt (receipt_url; HTML, no API key; the token is the credential)',
        security: [],
        parameters: [...idParam, { name: 'token', in: 'query', required: true, schema: { type: 'string' } }],
        responses: { 200: { description: 'HTML receipt' }, 404: { description: 'Unknown receipt or wrong token' } },
      },
    },
    '/oauth/token': {
      post: {
        summary: 'OAuth2 token endpoint (RFC 6749 §4.4 client credentials, §6 refresh token)',
        description:
          'For integrators holding an OAuth client (`cli_…` and its secret). Authenticate with `client_secret_basic` (HTTP Basic over the form-urlencoded id and secret) or `client_secret_post` (`client_id` and `client_secret` in the body), never both. The answer is `{access_token, token_type: "Bearer", expires_in, scope}`: an ES256 JWT access token (RFC 9068, `typ: at+jwt`) valid 15 minutes, to send as `Authorization: Bearer …` to the /v1 routes. Scopes (space-separated; none asked means all the client is allowed): `payments:read` (read payment intents, charges, payment methods, customers, refunds, disputes, events), `payments:write` (create, update, confirm, capture, cancel payment intents; create, attach, detach payment methods), `refunds:write` (refunds, dispute evidence and closing), `customers:write`, `webhooks:manage` (all webhook endpoint routes), `accounts:read` (/v1/account, /v1/gateways), `transfers:write`, `credentials:manage` (/v1/api_keys, /v1/oauth_clients, /v1/signing_keys, /v1/gateway_accounts) and `users:manage` (/v1/users), which only the merchant owner\'s dashboard sessions have, and OAuth clients given them. A route the token has no scope for is a 403 `insufficient_scope`; an invalid, expired or forged token a 401 `access_token_invalid`. API keys are not scoped. Errors here are OAuth\'s own `{error, error_description}` (RFC 6749 §5.2): `invalid_request`, `invalid_client` (401 with `WWW-Authenticate: Basic`), `invalid_scope`, `unsupported_grant_type`. Responses carry `Cache-Control: no-store`.' +
          ' `grant_type=refresh_token` with `refresh_token` renews a dashboard user\'s session (see /api/v1/auth/login): the public client `payrail-dashboard` authenticates with `client_id` alone (`none`). The answer then also carries a new `refresh_token`; the one presented is spent. Presenting a spent refresh token again revokes the whole session (its refresh tokens and access tokens) and is an `invalid_grant`. A client refused after repeated failed authentication gets `Retry-After`.',
        security: [],
        requestBody: {
          required: true,
          content: {
            'application/x-www-form-urlencoded': {
              schema: {
                type: 'object',
                required: ['grant_type'],
                properties: { grant_type: { enum: ['client_credentials', 'refresh_token'] }, scope: { type: 'string' }, refresh_token: { type: 'string' }, client_id: { type: 'string' }, client_secret: { type: 'string' } },
              },
            },
          },
        },
        responses: { 200: object('Access token'), 400: object('`{error, error_description}`'), 401: object('`invalid_client`') },
      },
    },
    '/.well-known/oauth-authorization-server': {
      get: { summary: 'OAuth2 authorization server metadata (RFC 8414)', security: [], responses: { 200: object('Metadata: issuer, token_endpoint, jwks_uri, …') } },
    },
    '/.well-known/jwks.json': {
      get: { summary: 'The public keys access tokens are signed with (JWKS, RFC 7517); a retired key stays until its tokens expire', security: [], responses: { 200: object('`{keys: [...]}`') } },
    },
    '/oauth/revoke': {
      post: {
        summary: 'OAuth2 token revocation (RFC 7009)',
        description:
          'Revokes an access token or a refresh token (`token_type_hint` is only a hint). The client authenticates as at the token endpoint (`client_secret_basic`, `client_secret_post`, or `client_id` alone for the public dashboard client) and may revoke only tokens issued to it. Revoking a refresh token revokes its whole session, access tokens included. A revoked access token is refused at every edge (401 `access_token_invalid`, "The access token has been revoked.") within a few seconds; an edge that has not been able to refresh its list of revoked tokens for 15 s refuses every access token with 503 `service_unavailable` (API keys and signed requests are unaffected). 200 with an empty body, also for a token that is unknown, expired or already revoked. Errors are OAuth\'s `{error, error_description}`. `Cache-Control: no-store`.',
        security: [],
        requestBody: {
          required: true,
          content: {
            'application/x-www-form-urlencoded': {
              schema: {
                type: 'object',
                required: ['token'],
                properties: { token: { type: 'string' }, token_type_hint: { enum: ['access_token', 'refresh_token'] }, client_id: { type: 'string' }, client_secret: { type: 'string' } },
              },
            },
          },
        },
        responses: { 200: { description: 'Revoked, or nothing to revoke (empty body)' }, 400: object('`invalid_request` (no `token`), `unauthorized_client` (another client\'s token)'), 401: object('`invalid_client`, with `WWW-Authenticate: Basic`') },
      },
    },
    '/oauth/introspect': {
      post: {
        summary: 'OAuth2 token introspection (RFC 7662)',
        description:
          'For confidential clients (`client_secret_basic` or `client_secret_post`). Answers `{active: false}` for a token that is unknown, expired, revoked, or another merchant\'s; otherwise `{active: true, token_type ("Bearer" or "refresh_token"), scope, client_id, sub, username (a user\'s session), iat, exp, iss, aud, jti, merchant_id, livemode}`. `Cache-Control: no-store`.',
        security: [],
        requestBody: {
          required: true,
          content: {
            'application/x-www-form-urlencoded': {
              schema: {
                type: 'object',
                required: ['token'],
                properties: { token: { type: 'string' }, token_type_hint: { enum: ['access_token', 'refresh_token'] }, client_id: { type: 'string' }, client_secret: { type: 'string' } },
              },
            },
          },
        },
        responses: { 200: object('Introspection'), 400: object('`invalid_request`: no `token`'), 401: object('`invalid_client`, with `WWW-Authenticate: Basic`') },
      },
    },
    '/api/v1/auth/login': {
      post: {
        summary: 'Dashboard login: a user\'s password for a session (first-party; there is no OAuth password grant)',
        description:
          'Answers an access token (ES256 JWT, 15 minutes, scoped by the user\'s role: owner every scope, developer all but `credentials:manage` and `users:manage`, viewer `payments:read accounts:read`) for the user\'s merchant in test mode, or live mode with `livemode: true`, and a refresh token for /api/v1/auth/refresh. Errors are Payrail\'s envelope: 401 `login_failed` (unknown user or wrong password, one answer for both); after 3 failures in a row each attempt must wait 1, 2, 4, … s (429 `login_throttled`), after 10 the username is locked for 15 minutes (429 `login_locked`, naming `locked_until`); both with `Retry-After` and `retry_after`.',
        security: [],
        requestBody: formAndJson({ type: 'object', required: ['username', 'password'], properties: { username: { type: 'string', maxLength: 254 }, password: { type: 'string', maxLength: 1024 }, livemode: { type: 'boolean', default: false } } }),
        responses: { 200: object('`{access_token, refresh_token, token_type: "Bearer", expires_in, scope}`, `Cache-Control: no-store`'), 400: errors[400], 401: object('`login_failed`'), 429: object('`login_throttled` or `login_locked`, with `Retry-After`') },
      },
    },
    '/api/v1/auth/refresh': {
      post: {
        summary: 'Renew a dashboard session: a new access token and a new refresh token; the one presented is spent',
        description: 'Presenting a spent refresh token revokes the whole session: its refresh tokens and its access tokens stop working within seconds. A refused refresh token is a 401 `refresh_token_invalid` saying why.',
        security: [],
        requestBody: formAndJson({ type: 'object', required: ['refresh_token'], properties: { refresh_token: { type: 'string' } } }),
        responses: { 200: object('`{access_token, refresh_token, token_type: "Bearer", expires_in, scope}`, `Cache-Control: no-store`'), 400: errors[400], 401: object('`refresh_token_invalid`') },
      },
    },
    '/api/v1/auth/password': {
      post: {
        summary: 'Change a dashboard user\'s password, proved with the current one: every session of the user ends, and a new one is answered',
        description:
          '`new_password` is 12 to 200 characters and differs from the current one (400 `parameter_invalid`, param `new_password`). Wrong credentials are throttled and locked exactly as logins are (401 `login_failed`, 429 `login_throttled` / `login_locked`).',
        security: [],
        requestBody: formAndJson({
          type: 'object',
          required: ['username', 'password', 'new_password'],
          properties: { username: { type: 'string', maxLength: 254 }, password: { type: 'string', maxLength: 1024 }, new_password: { type: 'string', minLength: 12, maxLength: 200 }, livemode: { type: 'boolean', default: false } },
        }),
        responses: { 200: object('`{access_token, refresh_token, token_type: "Bearer", expires_in, scope}`, `Cache-Control: no-store`'), 400: errors[400], 401: object('`login_failed`'), 429: object('`login_throttled` or `login_locked`, with `Retry-After`') },
      },
    },
    '/api/v1/auth/logout': {
      post: {
        summary: 'End a dashboard session: its refresh tokens and access tokens are revoked (an unknown or spent refresh token is no error)',
        security: [],
        requestBody: formAndJson({ type: 'object', required: ['refresh_token'], properties: { refresh_token: { type: 'string' } } }),
        responses: { 204: { description: 'Logged out' }, 400: errors[400], 401: object('`refresh_token_invalid`: a token that is not a dashboard session\'s') },
      },
    },
    '/v1/api_keys': {
      post: {
        summary: 'Create an API key (secret keys only). The answer alone carries the whole key, in `secret`; it is stored as a keyed hash and never shown again',
        description:
          'Keys are the merchant\'s, in both modes: any of its secret keys manages all of them. `livemode` picks `sk_live_`/`pk_live_` over `sk_test_`/`pk_test_` (default false); a live key reaches live objects only, a test key test objects only. An ApiKey is `{id: "key_…", object: "api_key", type, livemode, name, prefix, last4, redacted_key: "sk_test_****abcd", created, expires_at, revoked_at, status: active|expiring|expired|revoked}`. Creating, rolling and revoking publish `api_key.created`, `api_key.rolled`, `api_key.revoked` on the auth events topic (without the key). The edge caches a verified key for at most 5 s, and never past its `expires_at`: a revoked key is refused (401 `api_key_invalid`) within seconds. Not callable with an OAuth access token.',
        requestBody: formAndJson({ type: 'object', required: ['type'], properties: { type: { enum: ['secret', 'publishable'] }, livemode: { type: 'boolean', default: false }, name: { type: 'string', maxLength: 200 } } }),
        responses: { 200: object('ApiKey, with `secret`'), ...errors, 403: object('`permission_denied`: a publishable key') },
      },
      get: { summary: 'List the merchant\'s API keys, both modes, newest first: prefix and last four only', parameters: listParams, responses: { 200: object('List of ApiKey') } },
    },
    '/v1/api_keys/{id}': {
      get: { summary: 'Retrieve an API key (redacted)', parameters: idParam, responses: { 200: object('ApiKey'), 404: errors[404] } },
      delete: { summary: 'Revoke an API key at once; revoking again answers the same', parameters: idParam, responses: { 200: object('ApiKey, `status: revoked`'), 404: errors[404] } },
    },
    '/v1/api_keys/{id}/roll': {
      post: {
        summary: 'Roll an active API key: a new key of the same type, mode and name (whole, in `secret`, this once); the old one keeps working for `expires_in_seconds` (0 to 604800, default 0: it stops now)',
        parameters: idParam,
        requestBody: { required: false, content: formAndJson({ type: 'object', properties: { expires_in_seconds: { type: 'integer', minimum: 0, maximum: 604800, default: 0 } } }).content },
        responses: { 200: object('The new ApiKey, with `secret`'), ...errors, 400: object('`api_key_unexpected_state`: the key was already rolled or revoked; or a bad `expires_in_seconds`') },
      },
    },
    '/v1/account': {
      get: {
        summary: 'The calling merchant\'s profile (`stripe.accounts.retrieveCurrent()`): `{id, object: "account", business_profile: {name}, email, country, default_currency, created, livemode}`; country and default currency are null until recorded. OAuth scope `accounts:read`',
        responses: { 200: object('Account'), 401: errors[401] },
      },
    },
    '/v1/oauth_clients': {
      post: {
        summary: 'Create an OAuth client (client credentials). The answer alone carries its `client_secret`; it is stored as a keyed hash and never shown again',
        description:
          'Clients are the merchant\'s, in both modes, managed with a secret key or an access token with `credentials:manage`. An OAuthClient is `{id: "cli_…" (the client_id), object: "oauth_client", name, scopes, livemode, created, revoked_at, status: active|revoked}`. `scopes` (form `scopes[]=payments:read&scopes[]=accounts:read`, or a JSON array) are what its tokens may be granted, each from the catalogue and each once (see /oauth/token); absent: the catalogue but `credentials:manage` and `users:manage`. An unknown scope is a 400 `parameter_invalid` naming it, with `param: scopes`. `livemode` defaults to the caller\'s mode; a live client needs a live caller (403 `permission_denied`). The dashboard\'s public client `payrail-dashboard` is not listed here.',
        requestBody: formAndJson({
          type: 'object',
          required: ['name'],
          properties: {
            name: { type: 'string', minLength: 1, maxLength: 100 },
            scopes: { type: 'array', minItems: 1, uniqueItems: true, items: { type: 'string' } },
            livemode: { type: 'boolean' },
          },
        }),
        responses: { 200: object('OAuthClient, with `client_secret`'), ...errors, 403: object('`permission_denied`: a publishable key, or a live client asked in test mode; `insufficient_scope`: a token without `credentials:manage`') },
      },
      get: { summary: 'List the merchant\'s OAuth clients, both modes, newest first (never their secrets)', parameters: listParams, responses: { 200: object('List of OAuthClient') } },
    },
    '/v1/oauth_clients/{id}': {
      get: { summary: 'Retrieve an OAuth client (without its secret)', parameters: idParam, responses: { 200: object('OAuthClient'), 404: errors[404] } },
      delete: {
        summary: 'Revoke an OAuth client at once; revoking again answers the same',
        description:
          'The client can no longer authenticate (`invalid_client`), and the access tokens it already holds are refused at every edge within seconds (401 `access_token_invalid`, "The access token has been revoked.") and introspect as `{active: false}`.',
        parameters: idParam,
        responses: { 200: object('OAuthClient, `status: revoked`'), 404: errors[404] },
      },
    },
    '/v1/oauth_clients/{id}/roll_secret': {
      post: {
        summary: 'Give an active OAuth client a new secret (in `client_secret`, this once); the old secret stops working at once, tokens already issued keep working until they expire',
        parameters: idParam,
        responses: { 200: object('OAuthClient, with `client_secret`'), ...errors, 400: object('`oauth_client_unexpected_state`: the client has been revoked') },
      },
    },
    '/v1/signing_keys': {
      post: {
        summary: 'Create a signing key for HMAC-signed requests. The answer alone carries its `secret`; it is stored encrypted and never shown again',
        description:
          'Signing keys are the merchant\'s, in both modes, managed with a secret key or an access token with `credentials:manage`. A SigningKey is `{id: "hk_…" (what X-API-KEY carries), object: "signing_key", livemode, last4, created, revoked_at, status: active|revoked}`. `livemode` defaults to the caller\'s mode; a live key needs a live caller (403 `permission_denied`). A signed request acts for the key\'s merchant and mode with a secret key\'s access.',
        requestBody: { required: false, content: formAndJson({ type: 'object', properties: { livemode: { type: 'boolean' } } }).content },
        responses: { 200: object('SigningKey, with `secret`'), ...errors, 403: object('`permission_denied`: a publishable key, or a live key asked in test mode') },
      },
      get: { summary: 'List the merchant\'s signing keys, both modes, newest first (never their secrets)', parameters: listParams, responses: { 200: object('List of SigningKey') } },
    },
    '/v1/signing_keys/{id}': {
      get: { summary: 'Retrieve a signing key (without its secret)', parameters: idParam, responses: { 200: object('SigningKey'), 404: errors[404] } },
      delete: {
        summary: 'Revoke a signing key: its next signed request is refused (401 `signing_key_invalid`); revoking again answers the same',
        parameters: idParam,
        responses: { 200: object('SigningKey, `status: revoked`'), 404: errors[404] },
      },
    },
    '/v1/gateway_accounts': {
      post: {
        summary: 'Connect a gateway account: the merchant\'s own account at a payment gateway, which payments are then routed to',
        description:
          'In the caller\'s mode; managed with a secret key or an access token with `credentials:manage`. `gateway` is one of those `GET /v1/gateways` lists: `sandbox` (the simulator, test mode only, no credentials), and `stripe` (`credentials[secret_key]`) or `razorpay` (`credentials[key_id]`, `credentials[key_secret]`) where this deployment has their connectors. Credentials are checked by the gateway\'s connector (a missing, unknown or malformed one is a 400 naming `credentials[field]`), sealed at rest and never returned: a GatewayAccount shows a masked hint of each (`sk_test_…4242`). A GatewayAccount is `{id: "ga_…", object: "gateway_account", gateway, livemode, enabled, credentials: {field: hint}, webhook_secret: hint or null, callback_url, metadata, created, updated}`; `callback_url` (`…/v1/callbacks/<gateway>/<id>`) is the address to give the gateway for its webhooks, signed with `webhook_secret`. Routing: a new payment goes to the first enabled account (oldest first) whose gateway takes its payment method type and currency; in test mode, without one, to the built-in sandbox; in live mode, without one, the payment is refused (400 `gateway_account_required`). Captures, voids and refunds always go through the account that authorised the payment, even once disabled or deleted.',
        requestBody: formAndJson({
          type: 'object',
          required: ['gateway'],
          properties: {
            gateway: { type: 'string', example: 'stripe' },
            credentials: { type: 'object', additionalProperties: { type: 'string', maxLength: 1024 }, example: { secret_key: 'sk_test_…' } },
            webhook_secret: { type: 'string', maxLength: 1024 },
            enabled: { type: 'boolean', default: true },
            metadata,
          },
        }),
        responses: { 200: object('GatewayAccount (hints only, never a credential)'), ...errors, 403: object('`permission_denied`: a publishable key; `insufficient_scope`: a token without `credentials:manage`') },
      },
      get: {
        summary: 'List the caller\'s gateway accounts in its mode, newest first (hints only)',
        parameters: [...listParams, { name: 'gateway', in: 'query', schema: { type: 'string' } }],
        responses: { 200: object('List of GatewayAccount') },
      },
    },
    '/v1/gateway_accounts/{id}': {
      get: { summary: 'Retrieve a gateway account (hints only)', parameters: idParam, responses: { 200: object('GatewayAccount'), 404: errors[404] } },
      post: {
        summary: 'Update a gateway account: `credentials` replaces the whole set (checked again), `webhook_secret=` (empty) removes it, `enabled=false` stops routing new payments to it, metadata is merged (an empty value unsets a key). The gateway never changes',
        parameters: idParam,
        requestBody: formAndJson({
          type: 'object',
          properties: { credentials: { type: 'object', additionalProperties: { type: 'string', maxLength: 1024 } }, webhook_secret: { type: 'string', maxLength: 1024 }, enabled: { type: 'boolean' }, metadata },
        }),
        responses: { 200: object('GatewayAccount'), ...errors },
      },
      delete: {
        summary: 'Delete a gateway account: `{id, object: "gateway_account", deleted: true}`. New payments stop routing to it at once; payments it took are still captured and refunded through it',
        parameters: idParam,
        responses: { 200: object('`{id, object: "gateway_account", deleted: true}`'), 404: errors[404] },
      },
    },
    '/v1/gateways': {
      get: {
        summary: 'Every gateway this deployment supports, its capabilities, and whether the caller can route to it now',
        description:
          'A list of `{id (the gateway), object: "gateway", capabilities: {payment_method_types, currencies (lower case, `*` for any), countries, manual_capture, partial_capture, refunds, partial_refunds, three_d_secure}, credential_fields, configured}`. `configured` is true when the caller has an enabled account there in its mode; the built-in `sandbox` is always configured in test mode. OAuth scope `accounts:read`.',
        responses: { 200: object('List of Gateway'), 401: errors[401] },
      },
    },
    '/v1/gateways/health': {
      get: {
        summary: 'How each of the caller\'s gateway accounts has been doing: status, circuit, success rate, latency and uptime',
        description:
          'A list of `{object: "gateway_health", gateway_account, gateway, enabled, status, reason, last_probe: {outcome, latency_ms, created} or null, circuit: {state: closed|open|half_open, opened_at}, last_5_minutes and last_60_minutes: {attempts, success_rate, latency_ms: {p50, p95}}, uptime_24h}`, one per gateway account of the caller in its mode, computed from the authorisation calls Payrail made through it. A call succeeds when the gateway answered (an approval, a decline or a refusal of the request); it fails when the gateway was unreachable, did not answer in time or broke. `success_rate` (0 to 1) and the latencies are null without calls. The circuit of an account opens when at least half of at least 20 calls in 60 seconds failed: for 30 seconds no payment is sent there (they fail over to the next account of their route), then one probe at a time is let through (`half_open`), whose success closes it. An enabled Stripe or Razorpay account that no payment called for `PAYRAIL_GATEWAY_PROBE_INTERVAL_MS` (default 5 minutes) gets a light probe, one authenticated read that moves no money (Stripe `GET /v1/balance`, Razorpay `GET /v1/orders`); `last_probe.outcome` is `answered`, `credentials_refused` (a revoked or wrong key), `unreachable`, `outcome_unknown` or `error`. Probes count into `status` and `uptime_24h`, never into `success_rate` or the latencies. `status` is `down` while the circuit is open or when the latest probe failed and no payment reached the account since, `degraded` while it is half-open or under 95 % of calls succeeded in the last 5 minutes, else `operational`; `reason` says why in words (null when operational). `uptime_24h` is the percentage of the last 24 hours\' minutes with calls or probes in which at least half succeeded (null without any). OAuth scope `accounts:read`.',
        responses: { 200: object('List of GatewayHealth'), 401: errors[401] },
      },
    },
    '/v1/routing_rules': {
      post: {
        summary: 'Create a routing rule: which gateway account takes the payments it matches, and which accounts take them when that one cannot',
        description:
          'In the caller\'s mode; managed with a secret key or an access token with `credentials:manage`. A new authorisation goes to the accounts of the first rule (lowest `priority`, then oldest) whose conditions all hold and that names an enabled account able to take it: `gateway_account` first, then `fallback_gateway_accounts` in order. Conditions: `payment_method_types` and `currencies` (lists; absent or empty matches any), `amount_min` and `amount_max` (inclusive, minor units), `match_metadata` (each key must equal the payment intent\'s metadata). Without a matching rule, the caller\'s enabled accounts able to take the payment are tried oldest first; without any, test mode uses the built-in sandbox and live mode refuses the payment (400 `gateway_account_required`). The next account is tried only when no money can have moved (the gateway was unreachable, refused the request before taking it with a 5xx or 429, or its circuit is open); a timeout after sending is never retried elsewhere. Every account named must be one of the caller\'s own (400 `parameter_invalid` naming `gateway_account` or `fallback_gateway_accounts[i]` otherwise), enabled, and able to take every payment method type and currency the rule lists. `priority` defaults to 10 after the caller\'s last rule. A RoutingRule is `{id: "rr_…", object: "routing_rule", livemode, priority, payment_method_types, currencies, amount_min, amount_max, match_metadata, gateway_account, fallback_gateway_accounts, metadata, created, updated}`.',
        requestBody: formAndJson({
          type: 'object',
          required: ['gateway_account'],
          properties: {
            gateway_account: { type: 'string', example: 'ga_…' },
            fallback_gateway_accounts: { type: 'array', items: { type: 'string' }, maxItems: 10 },
            priority: { type: 'integer', minimum: 0, maximum: 1000000 },
            payment_method_types: { type: 'array', items: { type: 'string' }, example: ['card'] },
            currencies: { type: 'array', items: { type: 'string', minLength: 3, maxLength: 3 }, example: ['usd'] },
            amount_min: { type: 'integer', minimum: 0 },
            amount_max: { type: 'integer', minimum: 0 },
            match_metadata: metadata,
            metadata,
          },
        }),
        responses: { 200: object('RoutingRule'), ...errors },
      },
      get: { summary: 'List the caller\'s routing rules in its mode, newest first', parameters: listParams, responses: { 200: object('List of RoutingRule') } },
    },
    '/v1/routing_rules/{id}': {
      get: { summary: 'Retrieve a routing rule', parameters: idParam, responses: { 200: object('RoutingRule'), 404: errors[404] } },
      post: {
        summary: 'Update a routing rule: the conditions and accounts given replace the rule\'s (the whole rule is checked again), metadata is merged',
        parameters: idParam,
        requestBody: formAndJson({
          type: 'object',
          properties: {
            gateway_account: { type: 'string' },
            fallback_gateway_accounts: { type: 'array', items: { type: 'string' } },
            priority: { type: 'integer' },
            payment_method_types: { type: 'array', items: { type: 'string' } },
            currencies: { type: 'array', items: { type: 'string' } },
            amount_min: { type: 'integer' },
            amount_max: { type: 'integer' },
            match_metadata: metadata,
            metadata,
          },
        }),
        responses: { 200: object('RoutingRule'), ...errors },
      },
      delete: {
        summary: 'Delete a routing rule: `{id, object: "routing_rule", deleted: true}`; payments it routed keep their accounts',
        parameters: idParam,
        responses: { 200: object('`{id, object: "routing_rule", deleted: true}`'), 404: errors[404] },
      },
    },
    '/v1/callbacks/stripe/{gateway_account_id}': {
      post: {
        summary: 'Stripe\'s webhooks for one gateway account (its `callback_url`); public, verified by `Stripe-Signature`',
        description:
          'No API key: the `Stripe-Signature` header (`t=…,v1=…`, hex HMAC-SHA256 of `t.rawBody` with the account\'s `webhook_secret`, 5-minute tolerance) is the credential. A forged, stale or unsigned delivery is a 401 and changes nothing; an unknown account a 404; a verified event a 200 `{received: true, duplicate}`, once per Stripe event id (a replay is a 200 with `duplicate: true` and changes nothing). `payment_intent.succeeded` / `.payment_failed` settle a `processing` PaymentIntent by asking Stripe (the same path as reconciliation); `charge.dispute.*` open and update Disputes.',
        parameters: [{ name: 'gateway_account_id', in: 'path', required: true, schema: { type: 'string' } }],
        requestBody: { required: true, content: { 'application/json': { schema: { type: 'object' } } } },
        responses: { 200: object('`{received: true, duplicate}`'), 401: object('`signature_invalid` or `timestamp_out_of_range`'), 404: errors[404] },
      },
    },
    '/v1/callbacks/razorpay/{gateway_account_id}': {
      post: {
        summary: 'Razorpay\'s webhooks for one gateway account (its `callback_url`); public, verified by `X-Razorpay-Signature`',
        description:
          'No API key: `X-Razorpay-Signature` (hex HMAC-SHA256 of the raw body with the account\'s `webhook_secret`) is the credential. Deduplicated by `x-razorpay-event-id` (else the body\'s `id`). `payment.authorized` / `.captured` / `.failed` settle a `processing` PaymentIntent by asking Razorpay; `payment.dispute.*` open and update Disputes. Statuses as for Stripe\'s callbacks.',
        parameters: [{ name: 'gateway_account_id', in: 'path', required: true, schema: { type: 'string' } }],
        requestBody: { required: true, content: { 'application/json': { schema: { type: 'object' } } } },
        responses: { 200: object('`{received: true, duplicate}`'), 401: object('`signature_invalid`'), 404: errors[404] },
      },
    },
    '/v1/callbacks/mpesa/{gateway_account_id}': {
      post: {
        summary: 'Daraja\'s STK push and reversal results for one M-Pesa gateway account (its `callback_url`); public, with the account\'s secret `token`',
        description:
          'No API key, and Daraja signs nothing: the `token` query parameter of the account\'s `callback_url` is the credential (a missing or wrong one is a 401). The body is Daraja\'s: `{Body: {stkCallback: {MerchantRequestID, CheckoutRequestID, ResultCode, ResultDesc, CallbackMetadata?}}}` or a reversal\'s `{Result: {ConversationID, ResultCode, ResultDesc, TransactionID, …}}`. It must match a pending payment (or refund) of the account by CheckoutRequestID (ConversationID), and a payment by amount and phone as well; anything else is a 400 and is logged. A match is confirmed with an STK query before the PaymentIntent moves; a repeated callback is a 200 with `duplicate: true` and changes nothing. Each push\'s URL also names its `attempt`, which matches the callback of a push whose answer (and so CheckoutRequestID) Payrail never got; a Transaction Status query\'s ResultURL names the `reversal` it asks about (`TransactionStatus: Completed` settles that refund).',
        parameters: [
          { name: 'gateway_account_id', in: 'path', required: true, schema: { type: 'string' } },
          { name: 'token', in: 'query', required: true, schema: { type: 'string' } },
          { name: 'attempt', in: 'query', required: false, schema: { type: 'string' } },
          { name: 'reversal', in: 'query', required: false, schema: { type: 'string' } },
        ],
        requestBody: { required: true, content: { 'application/json': { schema: { type: 'object' } } } },
        responses: { 200: object('`{received: true, duplicate}`'), 400: errors[400], 401: object('`signature_invalid`'), 404: errors[404] },
      },
    },
    '/v1/disputes': {
      get: {
        summary: 'List disputes on the caller\'s charges, newest first',
        description:
          'A Dispute is `{id: "dp_…", object: "dispute", amount, currency, charge, payment_intent, reason, status, evidence: {field: text or null}, evidence_details: {submission_count, has_evidence}, is_charge_refundable, created, livemode, metadata}`, created from the gateway\'s dispute callbacks (and in test mode by the sandbox card `4000000000000259` / `pm_card_createDispute`, disputed right after it succeeds). The charge then shows `disputed: true`; events `charge.dispute.created`, `.updated`, `.closed`. OAuth scope `payments:read`.',
        parameters: [...listParams, { name: 'payment_intent', in: 'query', schema: { type: 'string' } }, { name: 'charge', in: 'query', schema: { type: 'string' } }],
        responses: { 200: object('List of Dispute') },
      },
    },
    '/v1/disputes/{id}': {
      get: { summary: 'Retrieve a dispute', parameters: idParam, responses: { 200: object('Dispute'), 404: errors[404] } },
      post: {
        summary: 'Give text evidence (merged into what was given; an empty value clears a field) and metadata; the evidence is submitted (status `under_review`) unless `submit=false`',
        description:
          'Evidence is taken while the dispute is `needs_response` or `warning_needs_response` (otherwise 400 `dispute_unexpected_state`); an unknown field is a 400 `parameter_unknown` naming `evidence[field]`, a text over 20000 characters a 400 `parameter_invalid`. OAuth scope `refunds:write`.',
        parameters: idParam,
        requestBody: formAndJson({ type: 'object', properties: { evidence: { type: 'object', additionalProperties: { type: 'string', maxLength: 20000 } }, metadata, submit: { type: 'boolean', default: true } } }),
        responses: { 200: object('Dispute'), ...errors },
      },
    },
    '/v1/disputes/{id}/close': {
      post: {
        summary: 'Accept a dispute without contesting it: `lost` (an inquiry: `warning_closed`); closing a closed one changes nothing',
        parameters: idParam,
        responses: { 200: object('Dispute'), 400: errors[400], 404: errors[404] },
      },
    },
    '/v1/checkout/sessions': {
      post: {
        summary: 'Create a Checkout Session (mode `payment`); send the customer to its `url`, the hosted payment page',
        description:
          'A Checkout Session is Stripe\'s `{id: "cs_…", object: "checkout.session", mode, status: open|complete|expired, payment_status: unpaid|paid, amount_subtotal, amount_total, currency, url, success_url, cancel_url, customer, customer_email, customer_details, client_reference_id, payment_intent, payment_method_types, expires_at, locale, metadata, livemode, created}`. `url` is the hosted page (`/checkout/cs_…`), null once the session is complete or expired. The PaymentIntent is created at the first payment attempt. Events: `checkout.session.completed` (paid, or authorised with `payment_intent_data[capture_method]=manual`, then `payment_status: unpaid`), `checkout.session.expired`. Line items share one currency; the total is checked like a PaymentIntent amount. A bad parameter is a 400 naming it (`line_items[0][price_data][currency]`, `expires_at`). OAuth scope `payments:write`.',
        requestBody: formAndJson({
          type: 'object',
          required: ['mode', 'line_items', 'success_url'],
          properties: {
            mode: { enum: ['payment'] },
            line_items: {
              type: 'array',
              maxItems: 100,
              items: {
                type: 'object',
                required: ['price_data', 'quantity'],
                properties: {
                  price_data: {
                    type: 'object',
                    required: ['currency', 'unit_amount', 'product_data'],
                    properties: {
                      currency: { type: 'string' },
                      unit_amount: { type: 'integer', minimum: 0 },
                      product_data: { type: 'object', required: ['name'], properties: { name: { type: 'string' }, description: { type: 'string' }, images: { type: 'array', maxItems: 8, items: { type: 'string' } } } },
                    },
                  },
                  quantity: { type: 'integer', minimum: 1, maximum: 999999 },
                },
              },
            },
            success_url: { type: 'string', description: '`{CHECKOUT_SESSION_ID}` in it is replaced by the session id' },
            cancel_url: { type: 'string' },
            customer: { type: 'string' },
            customer_email: { type: 'string', description: 'Not with `customer`' },
            client_reference_id: { type: 'string', maxLength: 200 },
            metadata,
            payment_method_types: { type: 'array', items: { enum: ['card'] }, description: 'The hosted page takes cards for now' },
            payment_intent_data: { type: 'object', properties: { capture_method: { enum: ['automatic', 'manual'] }, description: { type: 'string' }, metadata } },
            expires_at: { type: 'integer', description: 'Unix seconds, 30 minutes to 24 hours from now; default 24 hours' },
            locale: { type: 'string', description: '`auto` (the browser\'s) or a language tag such as `fr`; totals on the page are formatted for it' },
          },
        }),
        responses: { 200: object('Checkout Session'), ...errors },
      },
      get: {
        summary: 'List Checkout Sessions, newest first',
        parameters: [...listParams, ...['payment_intent', 'customer', 'client_reference_id'].map((name) => ({ name, in: 'query', schema: { type: 'string' } })), { name: 'status', in: 'query', schema: { enum: ['open', 'complete', 'expired'] } }],
        responses: { 200: object('List of Checkout Session') },
      },
    },
    '/v1/checkout/sessions/{id}': {
      get: { summary: 'Retrieve a Checkout Session', parameters: idParam, responses: { 200: object('Checkout Session'), 404: errors[404] } },
    },
    '/v1/checkout/sessions/{id}/line_items': {
      get: { summary: 'List a session\'s line items (`object: "item"`), in the order given', parameters: [...idParam, ...listParams], responses: { 200: object('List of line items'), 404: errors[404] } },
    },
    '/v1/checkout/sessions/{id}/expire': {
      post: {
        summary: 'Expire an open session (its PaymentIntent is canceled); any other status is a 400 `checkout_session_unexpected_state`',
        parameters: idParam,
        responses: { 200: object('Checkout Session (expired)'), 400: errors[400], 404: errors[404] },
      },
    },
    '/v1/users': {
      post: {
        summary: 'Add a dashboard user to the merchant. Without `password`, one is generated and returned in `password`, this once',
        description:
          'For live-mode callers only (a live secret key, or an access token with `users:manage` from the owner\'s dashboard session logged in with `livemode: true`): users log in to both modes, so a test key must not create one (403 `permission_denied`); test-mode callers may list and retrieve them. A User is `{id: "usr_…", object: "user", username, role: owner|developer|viewer, created}`; never a password hash. `username` is 3 to 64 characters of letters, digits and `. _ @ + -`, stored lower-case, and unique across all merchants (400 `parameter_invalid`, param `username`, when taken). `password`, when given, is 12 to 200 characters; it is stored as an scrypt hash. A user logs in at /api/v1/auth/login; their session\'s scopes follow the role: owners every scope, developers all but `credentials:manage` and `users:manage`, viewers `payments:read accounts:read`. The answer carries `Cache-Control: no-store`.',
        requestBody: formAndJson({ type: 'object', required: ['username', 'role'], properties: { username: { type: 'string', minLength: 3, maxLength: 64 }, role: { enum: ['owner', 'developer', 'viewer'] }, password: { type: 'string', minLength: 12, maxLength: 200 } } }),
        responses: { 200: object('User, with `password` when generated'), ...errors, 403: object('`permission_denied`: a publishable key or a test-mode caller; `insufficient_scope`: an access token without `users:manage`') },
      },
      get: { summary: 'List the merchant\'s dashboard users, newest first', parameters: listParams, responses: { 200: object('List of User') } },
    },
    '/v1/users/{id}': {
      get: { summary: 'Retrieve a dashboard user', parameters: idParam, responses: { 200: object('User'), 404: errors[404] } },
      post: {
        summary: 'Change a dashboard user\'s role. Every session of theirs ends at once (their tokens carry the old role\'s scopes): they log in again',
        description: 'A merchant always keeps an owner: demoting its only owner is a 400 `parameter_invalid` (param `role`). Giving the role the user already has changes nothing.',
        parameters: idParam,
        requestBody: formAndJson({ type: 'object', required: ['role'], properties: { role: { enum: ['owner', 'developer', 'viewer'] } } }),
        responses: { 200: object('User'), ...errors, 404: errors[404] },
      },
      delete: {
        summary: 'Remove a dashboard user: `{id, object: "user", deleted: true}`. Every session of theirs ends at once: their refresh tokens stop, their access tokens are refused within seconds, and they can no longer log in',
        description: 'Removing the merchant\'s only owner is a 400 `parameter_invalid` (param `id`). The username is free again afterwards.',
        parameters: idParam,
        responses: { 200: object('`{id, object: "user", deleted: true}`'), 400: errors[400], 404: errors[404] },
      },
    },
  },
} as const;
