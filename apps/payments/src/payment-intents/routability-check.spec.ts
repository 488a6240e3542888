import { Patterns, type Caller, type CheckRoutingResult, type PatternMap, type RequestOf } from '@payrail/contracts';
import type { MessageClient } from '@payrail/messaging';
import { RoutabilityCheck } from './routability-check.js';

const caller: Caller = { merchantId: 'acct_routability', livemode: false };

/** gateway-connectors as payments sees it: routes what `takes` says, and remembers every question. */
function connectorsTaking(takes: (type: string, currency: string) => boolean) {
  const asked: Array<{ pattern: keyof PatternMap; request: unknown }> = [];
  const client = {
    async send(pattern: keyof PatternMap, request: RequestOf<typeof Patterns.RoutingCheck>): Promise<CheckRoutingResult> {
      asked.push({ pattern, request });
      const { paymentMethodTypes, currency } = request.params;
      return {
        routable: paymentMethodTypes.filter((type) => takes(type, currency)),
        unroutable: paymentMethodTypes.filter((type) => !takes(type, currency)),
      };
    },
  };
  return { check: new RoutabilityCheck(client as unknown as MessageClient), asked };
}

const cardsEverywhereUpiInInr = (type: string, currency: string) => type === 'card' || (type === 'upi' && currency === 'inr');

describe('RoutabilityCheck', () => {
  it('asks gateway-connectors once, for every type in the currency, and accepts what can be routed', async () => {
    const { check, asked } = connectorsTaking(cardsEverywhereUpiInInr);
    await expect(check.assertRoutable(caller, { paymentMethodTypes: ['card', 'upi'], currency: 'inr' }, 'payment_method_types')).resolves.toBeUndefined();
    expect(asked).toEqual([{ pattern: Patterns.RoutingCheck, request: { caller, params: { paymentMethodTypes: ['card', 'upi'], currency: 'inr' } } }]);
  });

  it('refuses a type no account can take in the currency with a 400 naming payment_method_types and the type', async () => {
    const { check } = connectorsTaking(cardsEverywhereUpiInInr);
    const refusal = check.assertRoutable(caller, { paymentMethodTypes: ['card', 'upi'], currency: 'kes' }, 'payment_method_types');
    await expect(refusal).rejects.toMatchObject({ code: 'parameter_invalid', status: 400, param: 'payment_method_types' });
    await expect(refusal).rejects.toThrow('The payment method type upi cannot be taken in KES by any gateway account of yours.');
  });

  it('names the currency when that is what the caller chose', async () => {
    const { check } = connectorsTaking(() => false);
    const refusal = check.assertRoutable(caller, { paymentMethodTypes: ['card'], currency: 'kes' }, 'currency');
    await expect(refusal).rejects.toMatchObject({ code: 'parameter_invalid', param: 'currency' });
    await expect(refusal).rejects.toThrow('No gateway account of yours can take card payments in KES.');
  });
});
