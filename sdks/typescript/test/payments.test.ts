import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { InvalidRequestError, paginate, PayrailError, withIdempotencyKey } from '../src/index.js';
import { secretKeyClient } from './platform.js';

const payrail = secretKeyClient();

describe('payments against the platform', () => {
  it('creates and confirms a payment with pm_card_visa, then refunds it', async () => {
    const created = await payrail.paymentIntents.postPaymentIntents({ createPaymentIntentDto: { amount: 2000, currency: 'usd', payment_method_types: ['card'] } });
    assert.equal(created.status, 'requires_payment_method');
    assert.match(created.id, /^pi_/);

    const confirmed = await payrail.paymentIntents.postPaymentIntentsIdConfirm({ id: created.id, confirmPaymentIntentDto: { payment_method: 'pm_card_visa' } });
    assert.equal(confirmed.status, 'succeeded');
    assert.equal(confirmed.amount_received, 2000);

    const refund = await payrail.refunds.postRefunds({ createRefundDto: { payment_intent: created.id, amount: 500 } });
    assert.match(refund.id, /^re_/);
    assert.equal(refund.amount, 500);
    assert.equal(refund.status, 'succeeded');
  });

  it('reports bad input as a typed 400 naming the parameter, with the request id', async () => {
    await assert.rejects(
      payrail.paymentIntents.postPaymentIntents({ createPaymentIntentDto: { amount: -5, currency: 'usd' } }),
      (error: unknown) => {
        assert.ok(error instanceof InvalidRequestError, `expected InvalidRequestError, got ${String(error)}`);
        assert.equal(error.status, 400);
        assert.equal(error.type, 'invalid_request_error');
        assert.equal(error.param, 'amount');
        assert.match(error.request_id ?? '', /^req_/);
        return true;
      },
    );
  });

  it('keys a POST once: a replay with the same Idempotency-Key gets the first answer', async () => {
    const key = `sdk-test-${Date.now()}-${Math.random()}`;
    const first = await payrail.paymentIntents.postPaymentIntents({ createPaymentIntentDto: { amount: 1234, currency: 'usd' } }, withIdempotencyKey(key));
    const again = await payrail.paymentIntents.postPaymentIntents({ createPaymentIntentDto: { amount: 1234, currency: 'usd' } }, withIdempotencyKey(key));
    assert.equal(again.id, first.id);
    const other = await payrail.paymentIntents.postPaymentIntents({ createPaymentIntentDto: { amount: 1234, currency: 'usd' } });
    assert.notEqual(other.id, first.id, 'without a key of its own, each call gets a new one');
  });

  it('paginates a list across pages with starting_after', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 5; i += 1) {
      ids.push((await payrail.customers.postCustomers({ createCustomerDto: { email: `page${i}@example.com` } })).id);
    }
    let pages = 0;
    const seen: string[] = [];
    const listed = paginate((params) => { pages += 1; return payrail.customers.getCustomers(params); }, { limit: 2 });
    for await (const customer of listed) seen.push(customer.id);
    assert.ok(pages >= 3, `5 customers at 2 a page need at least 3 pages, got ${pages}`);
    assert.equal(new Set(seen).size, seen.length, 'no customer twice');
    for (const id of ids) assert.ok(seen.includes(id), `${id} listed`);
  });

  it('refuses a transfer from an account that cannot pay with a typed 422 insufficient_funds', async () => {
    await assert.rejects(
      payrail.transfers.postTransfers({ createTransferDto: { from_account: 'test_acc_empty', to_account: 'test_acc_001', amount: 100, currency: 'USD', payment_type: 'RTP' } }),
      (error: unknown) => {
        assert.ok(error instanceof PayrailError);
        assert.equal(error.status, 422);
        assert.equal(error.code, 'insufficient_funds');
        assert.equal(error.details?.account_id, 'test_acc_empty');
        assert.ok(error.request_id);
        return true;
      },
    );
  });

  it('answers a ledger account\'s balance typed, and its Raw variant keeps the response', async () => {
    const balance = await payrail.ledgerAccounts.getAccountsIdBalance({ id: 'test_acc_002' });
    assert.equal(balance.object, 'ledger_account_balance');
    assert.equal(balance.account, 'test_acc_002');
    assert.equal(typeof balance.available_balance, 'number');
    const answer = await payrail.ledgerAccounts.getAccountsIdBalanceRaw({ id: 'test_acc_002' });
    assert.equal(answer.raw.status, 200);
    assert.deepEqual(await answer.value(), balance);
  });

  it('completes an RTP transfer between two funded accounts', async () => {
    const transfer = await payrail.transfers.postTransfers({ createTransferDto: { from_account: 'test_acc_001', to_account: 'test_acc_002', amount: 250, currency: 'USD', payment_type: 'RTP' } });
    assert.equal(transfer.status, 'COMPLETED');
    assert.equal(transfer.amount, 250);
  });
});
