import 'reflect-metadata';
import type { INestMicroservice } from '@nestjs/common';
import { Patterns, ServiceNames, type Caller, type RequestOf } from '@payrail/contracts';
import { PayrailError, toErrorEnvelope } from '@payrail/errors';
import { InProcessBroker, MessageClient, startService } from '@payrail/messaging';
import { busRequests, openTestDatabase, type TestDatabase } from '@payrail/testing';
import { GatewayConnectorsModule } from '../../apps/gateway-connectors/src/gateway-connectors.module.js';

/**
 * What a backend's ValidationPipe does with a payload that does not match its class: a refusal in the
 * standard envelope that the edge answers as a 4xx, before the service's code runs.
 */
const caller: Caller = { merchantId: 'acct_bus_validation', livemode: false };
const env = { ...process.env, PAYRAIL_CARD_FINGERPRINT_KEY: 'bus-validation-key-0123456789abcdef', PAYRAIL_SECRETS_KEY: 'integration-secrets-key-0123456789abcdef' };
const authorization: RequestOf<typeof Patterns.ConnectorAuthorize>['params'] = {
  paymentIntentId: 'pi_bus_validation',
  attempt: 1,
  amount: 2000,
  currency: 'usd',
  paymentMethod: 'pm_card_visa',
  captureMethod: 'automatic',
};

/** The bus takes JSON: these are what a sender with a bug could put on it. */
const malformed = <T>(value: unknown) => value as T;

describe('payload validation on the bus (embedded Postgres, in-process transport)', () => {
  let postgres: TestDatabase | undefined;
  let broker: InProcessBroker;
  let app: INestMicroservice | undefined;
  const bus = busRequests(() => broker);

  beforeAll(async () => {
    postgres = await openTestDatabase();
    broker = new InProcessBroker();
    const module = GatewayConnectorsModule.forRoot({ broker, databaseUrl: postgres.url, env });
    app = await startService({ service: ServiceNames.GatewayConnectors, module, broker });
  }, 60_000);

  afterAll(async () => {
    await app?.close();
    await broker?.close();
    await postgres?.stop();
  });

  it('refuses a field of the wrong type, naming it as the caller sent it, and the edge answers 400 in the error envelope', async () => {
    const client = new MessageClient(broker);
    const error = await client
      .send(Patterns.ConnectorAuthorize, { caller, params: { ...authorization, attempt: malformed<number>('1') } })
      .catch((thrown: unknown) => thrown);

    expect(error).toBeInstanceOf(PayrailError);
    const { status, body } = toErrorEnvelope(error as PayrailError, 'req_bus_validation');
    expect(status).toBe(400);
    expect(body.error).toMatchObject({ type: 'invalid_request_error', code: 'parameter_invalid', param: 'attempt' });
  });

  it('refuses a field no sender may send, a missing one, and a caller of the wrong shape', async () => {
    expect(await bus.refused(Patterns.ConnectorAuthorize, { caller, params: { ...authorization, ...malformed<object>({ surprise: true }) } })).toMatchObject({
      code: 'parameter_unknown',
      param: 'surprise',
    });
    const { captureMethod: _captureMethod, ...withoutCaptureMethod } = authorization;
    expect(await bus.refused(Patterns.ConnectorAuthorize, { caller, params: malformed<typeof authorization>(withoutCaptureMethod) })).toMatchObject({
      code: 'parameter_missing',
      param: 'captureMethod',
    });
    expect(
      await bus.refused(Patterns.ConnectorAuthorize, { caller: malformed({ merchantId: caller.merchantId, livemode: 'false' }), params: authorization }),
    ).toMatchObject({ code: 'parameter_invalid', param: 'caller[livemode]' });
    expect(await bus.refused(Patterns.ConnectorsPing, malformed({ unexpected: 1 }))).toMatchObject({ code: 'parameter_unknown', param: 'unexpected' });
  });

  it('never echoes a card number it refuses', async () => {
    const number = '4242424242424242';
    const refusal = await bus.refused(Patterns.ConnectorCardTokenize, {
      caller,
      params: { source: { type: 'card_number', number, exp_month: malformed<number>('twelve'), exp_year: 2030 } },
    });
    expect(refusal).toMatchObject({ code: 'parameter_invalid', param: 'source[exp_month]' });
    expect(JSON.stringify(refusal)).not.toContain(number);
  });

  it('still answers a well-formed payload', async () => {
    expect(await bus.ok(Patterns.ConnectorAuthorize, { caller, params: authorization })).toMatchObject({ outcome: 'succeeded' });
  });
});
