import { randomBytes } from 'node:crypto';
import type { GatewayAccountResource } from '@payrail/contracts';
import { createMerchant, type MerchantCredentials } from '@payrail/testing';
import type { StkCallbackBody } from '../apps/gateway-connectors/src/connectors/mpesa/daraja-wire.js';
import { DarajaSimulator, type DarajaSimulatorOptions } from '../apps/gateway-connectors/src/connectors/mpesa/simulator/daraja-simulator.js';

/** A merchant with an M-Pesa gateway account against a Daraja simulator of its own, as M-Pesa specs use. */
export interface MpesaMerchant {
  merchant: MerchantCredentials;
  account: GatewayAccountResource;
  simulator: DarajaSimulator;
  /** The callback Daraja sent about a CheckoutRequestID, once it sent one. */
  callbackOf(checkoutRequestId: string): StkCallbackBody | undefined;
}

const baseUrl = (): string => process.env.PAYRAIL_TEST_BASE_URL!;

export async function mpesaMerchant(name: string, options: DarajaSimulatorOptions = {}): Promise<MpesaMerchant> {
  const credentials = { consumerKey: `ck${randomBytes(8).toString('hex')}`, consumerSecret: `cs${randomBytes(12).toString('hex')}`, shortcode: '174379', passkey: randomBytes(24).toString('hex') };
  const simulator = new DarajaSimulator([credentials], options);
  const simulatorUrl = await simulator.start();
  const merchant = await createMerchant(name);
  const response = await fetch(`${baseUrl()}/v1/gateway_accounts`, {
    method: 'POST',
    headers: { authorization: `Bearer ${merchant.secret_key}`, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      gateway: 'mpesa',
      'credentials[consumer_key]': credentials.consumerKey,
      'credentials[consumer_secret]': credentials.consumerSecret,
      'credentials[shortcode]': credentials.shortcode,
      'credentials[passkey]': credentials.passkey,
      'credentials[environment]': 'sandbox',
      'credentials[initiator_name]': 'apiop',
      'credentials[security_credential]': randomBytes(24).toString('base64'),
      'credentials[api_base]': simulatorUrl,
    }).toString(),
  });
  if (response.status !== 200) throw new Error(`M-Pesa gateway account refused: ${response.status} ${await response.text()}`);
  const account = (await response.json()) as GatewayAccountResource;
  return {
    merchant,
    account,
    simulator,
    callbackOf: (checkoutRequestId) =>
      simulator.deliveries.map((delivery) => delivery.body as StkCallbackBody).find((body) => body.Body?.stkCallback?.CheckoutRequestID === checkoutRequestId),
  };
}

/** The receipt number a successful STK callback carried. */
export function receiptOf(callback: StkCallbackBody | undefined): string | undefined {
  const value = callback?.Body.stkCallback.CallbackMetadata?.Item.find((item) => item.Name === 'MpesaReceiptNumber')?.Value;
  return value === undefined ? undefined : String(value);
}
