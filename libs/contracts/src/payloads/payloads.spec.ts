import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { CreateApiKeyPayload } from './auth.payloads.js';
import { CreateCustomerPayload, ListCustomersPayload } from './customers.payloads.js';
import { UpdatePaymentIntentPayload } from './payments.payloads.js';

/** As the services' ValidationPipe runs them. */
async function problemsOf(payloadClass: new () => object, plain: object): Promise<string[]> {
  const errors = await validate(plainToInstance(payloadClass, plain), { whitelist: true, forbidNonWhitelisted: true });
  const paths = (list: typeof errors, prefix: string): string[] =>
    list.flatMap((error) => {
      const path = prefix ? `${prefix}.${error.property}` : error.property;
      return error.constraints ? [path] : paths(error.children ?? [], path);
    });
  return paths(errors, '');
}

const caller = { merchantId: 'acct_1', livemode: false };

describe('payload classes', () => {
  it('accept what the edge sends', async () => {
    expect(await problemsOf(CreateApiKeyPayload, { caller, params: { type: 'secret', livemode: false, name: 'server' } })).toEqual([]);
    expect(await problemsOf(UpdatePaymentIntentPayload, { caller, params: { id: 'pi_1', metadata: '', expand: ['customer'] } })).toEqual([]);
    expect(await problemsOf(ListCustomersPayload, { caller, params: { limit: 3, created: { gte: 1, lt: 2 } } })).toEqual([]);
  });

  it('refuse a value of the wrong type, an unknown field, and a caller of the wrong shape', async () => {
    expect(await problemsOf(CreateApiKeyPayload, { caller, params: { type: 'secret', livemode: 'yes' } })).toEqual(['params.livemode']);
    expect(await problemsOf(CreateApiKeyPayload, { caller, params: { type: 'secret', livemode: false, role: 'admin' } })).toEqual(['params.role']);
    expect(await problemsOf(CreateApiKeyPayload, { caller: { merchantId: 7, livemode: false }, params: { type: 'secret', livemode: false } })).toEqual([
      'caller.merchantId',
    ]);
  });

  it('check the shapes of metadata and the created filter, not their limits', async () => {
    expect(await problemsOf(CreateCustomerPayload, { caller, params: { metadata: { order: 1 } } })).toEqual(['params.metadata']);
    expect(await problemsOf(CreateCustomerPayload, { caller, params: { metadata: '' } })).toEqual(['params.metadata']);
    expect(await problemsOf(UpdatePaymentIntentPayload, { caller, params: { id: 'pi_1', metadata: { k: 'v'.repeat(600) } } })).toEqual([]);
    expect(await problemsOf(ListCustomersPayload, { caller, params: { created: { since: 1 } } })).toEqual(['params.created']);
  });

  it('take a created filter as a unix second or a non-empty range of them, and nothing else', async () => {
    for (const created of [1_700_000_000, { gte: 1, lt: 2 }]) {
      expect(await problemsOf(ListCustomersPayload, { caller, params: { created } })).toEqual([]);
    }
    for (const created of [{}, { after: 1 }, { gt: -1 }, { gt: '1' }, 'yesterday', 1e15]) {
      expect(await problemsOf(ListCustomersPayload, { caller, params: { created } })).toEqual(['params.created']);
    }
  });
});
