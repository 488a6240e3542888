import { Injectable } from '@nestjs/common';
import type { Caller, TokenizeCardParams, TokenizeCardResult } from '@payrail/contracts';
import { PayrailError } from '@payrail/errors';
import { BUILT_IN_SANDBOX_ROUTE } from '../routing/connector-registry.js';
import type { CardTokenizer } from './card-tokenizer.js';
import { SandboxCardTokenizer } from './sandbox-card-tokenizer.js';

/**
 * Tokenises a card with a connector, so that the token is one that connector can charge later. Only the
 * sandbox stores cards so far; a gateway's tokenizer joins the map when its connector can store cards.
 * Nothing is stored here: the token is the connector's own reference.
 */
@Injectable()
export class CardTokensService {
  private readonly tokenizers: ReadonlyMap<string, CardTokenizer>;

  constructor(sandbox: SandboxCardTokenizer) {
    this.tokenizers = new Map([[sandbox.connector, sandbox]]);
  }

  async tokenize(caller: Caller, params: TokenizeCardParams): Promise<TokenizeCardResult> {
    const source = params?.source;
    if (!source || (source.type !== 'card_number' && source.type !== 'test_token')) {
      throw new PayrailError('parameter_missing', 'Missing required param: card.', { param: 'card' });
    }
    const connector = BUILT_IN_SANDBOX_ROUTE.gateway;
    const tokenizer = this.tokenizers.get(connector);
    if (!tokenizer) throw new PayrailError('gateway_unavailable', `The ${connector} connector cannot store cards yet.`);
    return tokenizer.tokenize({ livemode: caller.livemode === true, source });
  }
}
