import type { CardTokenSource, TokenizeCardResult } from '@payrail/contracts';

/** What one connector's tokeniser is asked: the card source, in the caller's mode. */
export interface CardTokenizeRequest {
  livemode: boolean;
  source: CardTokenSource;
}

/**
 * Turns a card into an opaque token that the same connector authorises later. The number stays inside
 * `tokenize`: the result carries only the token and what may be shown about the card.
 */
export interface CardTokenizer {
  readonly connector: string;
  tokenize(request: CardTokenizeRequest): Promise<TokenizeCardResult>;
}
