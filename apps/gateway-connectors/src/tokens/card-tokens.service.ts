import { Inject, Injectable } from '@nestjs/common';
import type { Caller, TokenizeCardParams, TokenizeCardResult } from '@payrail/contracts';
import { PayrailError } from '@payrail/errors';
import { ConnectorRegistry } from '../routing/connector-registry.js';
import type { CardTokenizer } from './card-tokenizer.js';
import { SandboxCardTokenizer } from './sandbox-card-tokenizer.js';

/**
 * Tokenises a card with the connector that authorisations are routed to, so that the token is one
 * that connector can charge later. Nothing is stored here: the token is the connector's own reference.
 */
@Injectable()
export class CardTokensService {
  private readonly tokenizers: ReadonlyMap<string, CardTokenizer>;

  constructor(@Inject(ConnectorRegistry) private readonly registry: ConnectorRegistry, sandbox: SandboxCardTokenizer) {
    this.tokenizers = new Map([[sandbox.connector, sandbox]]);
  }

  async tokenize(caller: Caller, params: TokenizeCardParams): Promise<TokenizeCardResult> {
    const source = params?.source;
    if (!source || (source.type !== 'card_number' && source.type !== 'test_token')) {
      throw new PayrailError('parameter_missing', 'Missing required param: card.', { param: 'card' });
    }
    const connector = this.registry.routeAuthorization().name;
    const tokenizer = this.tokenizers.get(connector);
    if (!tokenizer) throw new PayrailError('gateway_unavailable', `The ${connector} connector cannot store cards yet.`);
    return tokenizer.tokenize({ livemode: caller.livemode === true, source });
  }
}
