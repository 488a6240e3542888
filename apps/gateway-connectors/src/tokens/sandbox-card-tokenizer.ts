import { Inject, Injectable } from '@nestjs/common';
import type { CardTokenSource, TokenizeCardResult } from '@payrail/contracts';
import { PayrailError } from '@payrail/errors';
import { cardFingerprint } from '@payrail/signing';
import { GATEWAY_CONNECTORS_CONFIG, type GatewayConnectorsConfig } from '../config/gateway-connectors.config.js';
import { looksLikeCardNumber, normalizeCardNumber, passesLuhn } from '../connectors/sandbox/card-number.js';
import { SANDBOX_CONNECTOR } from '../connectors/sandbox/sandbox.connector.js';
import { DECLINE_MESSAGES, SANDBOX_EXP_MONTH, SANDBOX_EXP_YEAR, testCardByNumber, testCardByToken, type TestCard } from '../connectors/sandbox/test-cards.js';
import type { CardTokenizer, CardTokenizeRequest } from './card-tokenizer.js';

/**
 * The sandbox's tokens are its references for a test card's behaviour (`pm_card_chargeDeclined`): the
 * sandbox authorises them as it does Stripe's test tokens, so a stored card needs no number to be
 * charged. As in Stripe's test mode, a number that is not a test card is declined here, before any
 * token exists for it.
 */
@Injectable()
export class SandboxCardTokenizer implements CardTokenizer {
  readonly connector = SANDBOX_CONNECTOR;

  constructor(@Inject(GATEWAY_CONNECTORS_CONFIG) private readonly config: Pick<GatewayConnectorsConfig, 'cardFingerprintKey'>) {}

  async tokenize({ livemode, source }: CardTokenizeRequest): Promise<TokenizeCardResult> {
    const { card, expMonth, expYear } = source.type === 'test_token' ? this.byTestToken(source.token, livemode) : this.byNumber(source, livemode);
    return {
      connector: this.connector,
      token: card.token,
      card: {
        brand: card.brand,
        last4: card.pan.slice(-4),
        exp_month: expMonth,
        exp_year: expYear,
        funding: card.funding,
        country: card.country,
        fingerprint: await cardFingerprint(this.config.cardFingerprintKey, card.pan),
      },
    };
  }

  private byTestToken(token: unknown, livemode: boolean): { card: TestCard; expMonth: number; expYear: number } {
    const card = typeof token === 'string' ? testCardByToken(token) : undefined;
    if (!card || livemode) {
      const shown = typeof token === 'string' && !/\d{6,}/.test(token) ? token : '[redacted]';
      const hint = card && livemode ? '; a similar object exists in test mode, but a live mode key was used to make this request' : '';
      throw new PayrailError('resource_missing', `No such PaymentMethod: '${shown}'${hint}`, { param: 'payment_method' });
    }
    return { card, expMonth: SANDBOX_EXP_MONTH, expYear: SANDBOX_EXP_YEAR };
  }

  private byNumber(source: Extract<CardTokenSource, { type: 'card_number' }>, livemode: boolean): { card: TestCard; expMonth: number; expYear: number } {
    if (livemode) {
      throw new PayrailError('parameter_invalid', 'Raw card numbers are accepted in test mode only; use a payment method token.', { param: 'card[number]' });
    }
    if (typeof source.number !== 'string' || !looksLikeCardNumber(source.number)) {
      throw new PayrailError('invalid_number', 'Your card number is not a valid credit card number.', { param: 'number' });
    }
    const pan = normalizeCardNumber(source.number);
    if (!passesLuhn(pan)) throw new PayrailError('incorrect_number', 'Your card number is incorrect.', { param: 'number' });
    if (!isMonth(source.exp_month)) throw new PayrailError('invalid_expiry_month', "Your card's expiration month is invalid.", { param: 'exp_month' });
    if (!Number.isSafeInteger(source.exp_year)) throw new PayrailError('invalid_expiry_year', "Your card's expiration year is invalid.", { param: 'exp_year' });
    const card = testCardByNumber(pan);
    if (!card) {
      throw new PayrailError('card_declined', DECLINE_MESSAGES.liveCardInTestMode, { param: 'number', declineCode: 'test_mode_live_card' });
    }
    return { card, expMonth: source.exp_month, expYear: source.exp_year };
  }
}

function isMonth(value: unknown): value is number {
  return Number.isInteger(value) && (value as number) >= 1 && (value as number) <= 12;
}
