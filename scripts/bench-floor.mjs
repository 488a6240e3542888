// The floor beside which bench:payments reads Payrail (issue #15): a bare node:http endpoint, no Nest, that
// answers `POST /v1/payment_intents` by committing the rows a successful create+confirm commits, in ONE
// transaction on the run's own database: the edge's idempotency row (with its stored answer), the intent,
// its charge and the three outbox rows (payment_intent.created, charge.succeeded, payment_intent.succeeded,
// each carrying the whole resource as the real events do). Its tables are copies of the platform's
// (`LIKE … INCLUDING ALL`: same columns, defaults, checks and indexes, no foreign keys) in a schema of its
// own, so that nothing of Payrail reads or relays them.
import { randomBytes, randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import pg from 'pg';

const SCHEMA = 'bench_floor';
const MIRRORED = [
  ['gateway', 'idempotency_keys'],
  ['payments', 'payment_intents'],
  ['payments', 'charges'],
  ['payments', 'outbox'],
];

/** Starts the floor endpoint on a free loopback port; `poolSize`: the client loop's concurrency. */
export async function startFloor(databaseUrl, poolSize) {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: poolSize });
  await createTables(pool);
  const server = createServer((req, res) => {
    handle(pool, req).then(
      (body) => answer(res, 200, body),
      (error) => answer(res, 500, { error: { type: 'api_error', message: error.message } }),
    );
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    stop: async () => {
      await new Promise((resolve) => server.close(resolve));
      await pool.query(`DROP SCHEMA IF EXISTS "${SCHEMA}" CASCADE`).catch(() => undefined);
      await pool.end();
    },
  };
}

async function createTables(pool) {
  await pool.query(`DROP SCHEMA IF EXISTS "${SCHEMA}" CASCADE`);
  await pool.query(`CREATE SCHEMA "${SCHEMA}"`);
  for (const [schema, table] of MIRRORED) {
    await pool.query(`CREATE TABLE "${SCHEMA}"."${table}" (LIKE "${schema}"."${table}" INCLUDING ALL)`);
  }
  // The copied default would draw ids from payments' own outbox sequence.
  await pool.query(`CREATE SEQUENCE "${SCHEMA}"."outbox_id_seq" OWNED BY "${SCHEMA}"."outbox"."id"`);
  await pool.query(`ALTER TABLE "${SCHEMA}"."outbox" ALTER COLUMN "id" SET DEFAULT nextval('"${SCHEMA}"."outbox_id_seq"')`);
}

function answer(res, status, body) {
  const json = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(json) });
  res.end(json);
}

async function readBody(req) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

const id = (prefix) => `${prefix}_${randomBytes(18).toString('base64url').replace(/[-_]/g, '').slice(0, 24)}`;

async function handle(pool, req) {
  const params = await readBody(req);
  const key = req.headers['idempotency-key'] ?? randomUUID();
  const requestId = id('req');
  const merchantId = 'acct_benchfloor';
  const amount = Number(params.get('amount'));
  const currency = params.get('currency');
  const now = Math.floor(Date.now() / 1000);
  const intentId = id('pi');
  const chargeId = id('ch');
  const intent = {
    id: intentId, object: 'payment_intent', amount, amount_capturable: 0, amount_received: amount, currency, status: 'succeeded',
    client_secret: `${intentId}_secret_${randomBytes(12).toString('hex')}`, capture_method: 'automatic', confirmation_method: 'automatic',
    created: now, livemode: false, metadata: {}, description: null, payment_method: params.get('payment_method'), payment_method_types: ['card'],
    latest_charge: chargeId, last_payment_error: null, next_action: null, canceled_at: null, cancellation_reason: null, customer: null,
    receipt_email: null, statement_descriptor: null, reconciliation: null,
  };
  const card = { brand: 'visa', last4: '4242', exp_month: 12, exp_year: 2034, funding: 'credit', country: 'US', fingerprint: randomBytes(8).toString('hex') };
  const outcome = { type: 'authorized', network_status: 'approved_by_network', reason: null, risk_level: 'normal', seller_message: 'Payment complete.' };
  const gateway = { account: id('gwa'), connector: 'sandbox', tried: [{ account: 'gwa_sandbox', connector: 'sandbox', outcome: 'succeeded' }] };
  const charge = {
    id: chargeId, object: 'charge', amount, amount_captured: amount, amount_refunded: 0, captured: true, paid: true, refunded: false, disputed: false,
    currency, status: 'succeeded', payment_intent: intentId, payment_method: intent.payment_method, created: now, livemode: false, metadata: {},
    failure_code: null, failure_message: null, outcome, payment_method_details: { type: 'card', card }, customer: null, description: null,
    receipt_email: null, receipt_number: null, receipt_url: null, statement_descriptor: null, balance_transaction: `txn_${chargeId.slice(3)}`, gateway,
  };
  const event = (type, object) => JSON.stringify({
    id: id('evt'), type, aggregateId: intentId, merchantId, livemode: false, occurredAt: now, requestId, idempotencyKey: key, data: { object },
  });
  const headers = JSON.stringify({ 'x-request-id': requestId, 'x-idempotency-key': key });

  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query(
      `INSERT INTO "${SCHEMA}"."payment_intents" ("id", "merchant_id", "livemode", "amount", "currency", "status", "capture_method", "confirmation_method",
         "client_secret", "payment_method", "payment_method_types", "latest_charge", "amount_received", "idempotency_key", "attempts")
       VALUES ($1, $2, false, $3, $4, 'succeeded', 'automatic', 'automatic', $5, $6, $7, $8, $3, $9, 1)`,
      [intentId, merchantId, amount, currency, intent.client_secret, intent.payment_method, intent.payment_method_types, chargeId, key],
    );
    await client.query(
      `INSERT INTO "${SCHEMA}"."charges" ("id", "merchant_id", "livemode", "payment_intent_id", "amount", "amount_captured", "currency", "status",
         "payment_method", "card", "outcome", "connector", "gateway_reference", "gateway")
       VALUES ($1, $2, false, $3, $4, $4, $5, 'succeeded', $6, $7, $8, 'sandbox', $9, $10)`,
      [chargeId, merchantId, intentId, amount, currency, intent.payment_method, JSON.stringify(card), JSON.stringify(outcome), id('sbx'), JSON.stringify(gateway)],
    );
    await client.query(
      `INSERT INTO "${SCHEMA}"."outbox" ("topic", "message_key", "payload", "headers")
       VALUES ('payments.events', $1, $2, $5), ('payments.events', $1, $3, $5), ('payments.events', $1, $4, $5)`,
      [intentId, event('payment_intent.created', { ...intent, status: 'requires_confirmation' }), event('charge.succeeded', charge), event('payment_intent.succeeded', intent), headers],
    );
    await client.query(
      `INSERT INTO "${SCHEMA}"."idempotency_keys" ("merchant_id", "livemode", "key", "request_hash", "request_id", "response_status", "response_body", "expires_at")
       VALUES ($1, false, $2, $3, $4, 200, $5, now() + interval '24 hours')`,
      [merchantId, key, randomBytes(32).toString('hex'), requestId, JSON.stringify(intent)],
    );
    await client.query('COMMIT');
    return intent;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
