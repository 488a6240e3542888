import { PayrailError } from '@payrail/errors';
import { GatewayOutcomeUnknownError, GatewayUnreachableError, type GatewayHttpClient } from '../../http/gateway-http-client.js';
import type { DarajaTokenCache } from './daraja-token-cache.js';
import type {
  DarajaErrorBody,
  DarajaToken,
  ReversalRequest,
  ReversalResponse,
  StkPushRequest,
  StkPushResponse,
  StkQueryRequest,
  StkQueryResponse,
  TransactionStatusRequest,
} from './daraja-wire.js';

export interface DarajaCredentials {
  consumerKey: string;
  consumerSecret: string;
}

/** Daraja's answer to a request it understood and refused: the caller decides what it means. */
export class DarajaRefusal extends Error {
  override readonly name = 'DarajaRefusal';

  constructor(
    readonly status: number,
    readonly errorCode: string,
    errorMessage: string,
  ) {
    super(errorMessage);
  }
}

const GATEWAY = 'mpesa';
const INVALID_TOKEN = '404.001.03';
const WRONG_CREDENTIALS = 'Wrong credentials';

/** Safaricom Daraja's API for one shortcode, over the one gateway HTTP client, with a cached OAuth token. */
export class DarajaApi {
  constructor(
    private readonly http: GatewayHttpClient,
    private readonly tokens: DarajaTokenCache,
    private readonly apiBase: string,
    private readonly credentials: DarajaCredentials,
  ) {}

  /** Daraja deduplicates no STK push: a lost answer is an unknown outcome (a second push would prompt twice). */
  stkPush(body: StkPushRequest): Promise<StkPushResponse> {
    return this.call('/mpesa/stkpush/v1/processrequest', body, false);
  }

  /** A query changes nothing, so a lost answer may be asked for again. */
  stkQuery(body: StkQueryRequest): Promise<StkQueryResponse> {
    return this.call('/mpesa/stkpushquery/v1/query', body, true);
  }

  reversal(body: ReversalRequest): Promise<ReversalResponse> {
    return this.call('/mpesa/reversal/v1/request', body, false);
  }

  /** Changes nothing (its result comes by callback), so a lost answer may be asked for again. */
  transactionStatus(body: TransactionStatusRequest): Promise<ReversalResponse> {
    return this.call('/mpesa/transactionstatus/v1/query', body, true);
  }

  private async call<T>(path: string, body: object, idempotent: boolean, retried = false): Promise<T> {
    const token = await this.token();
    const reply = await this.http.send(GATEWAY, {
      method: 'POST',
      url: `${this.apiBase}${path}`,
      headers: { authorization: `Bearer ${token}`, accept: 'application/json', 'content-type': 'application/json' },
      body: JSON.stringify(body),
      idempotent,
    });
    if (reply.status >= 200 && reply.status < 300) return parse<T>(reply.body);
    const refused = refusalOf(reply.body);
    if (refused?.errorCode === INVALID_TOKEN && !retried) {
      // A token refused before use was not acted on: fetch a fresh one and send again.
      this.tokens.forget(this.apiBase, this.credentials.consumerKey, this.credentials.consumerSecret);
      return this.call(path, body, idempotent, true);
    }
    if (refused?.errorMessage === WRONG_CREDENTIALS) {
      throw new PayrailError('gateway_credentials_refused', "M-Pesa refused the gateway account's shortcode and passkey; update the gateway account's credentials.");
    }
    if (refused && (reply.status < 500 || refused.errorCode.startsWith('500.001.'))) throw new DarajaRefusal(reply.status, refused.errorCode, refused.errorMessage);
    if (reply.status === 429) throw new GatewayUnreachableError('mpesa rate-limited the request; it was not processed');
    throw new GatewayOutcomeUnknownError(`mpesa answered ${reply.status}`);
  }

  private token(): Promise<string> {
    const { consumerKey, consumerSecret } = this.credentials;
    return this.tokens.get(this.apiBase, consumerKey, consumerSecret, async () => {
      const reply = await this.http.send(GATEWAY, {
        method: 'GET',
        url: `${this.apiBase}/oauth/v1/generate?grant_type=client_credentials`,
        headers: { authorization: `Basic ${Buffer.from(`${consumerKey}:${consumerSecret}`).toString('base64')}`, accept: 'application/json' },
        idempotent: true,
      });
      if (reply.status === 400 || reply.status === 401) {
        throw new PayrailError('gateway_credentials_refused', "M-Pesa refused the gateway account's consumer_key and consumer_secret; update the gateway account's credentials.");
      }
      if (reply.status !== 200) throw new GatewayUnreachableError(`mpesa answered ${reply.status} to the token request`);
      const answer = parse<Partial<DarajaToken>>(reply.body);
      const expiresInSeconds = Number(answer.expires_in);
      if (typeof answer.access_token !== 'string' || !Number.isFinite(expiresInSeconds)) throw new GatewayUnreachableError('mpesa answered the token request without a token');
      return { token: answer.access_token, expiresInSeconds };
    });
  }
}

function refusalOf(body: string): DarajaErrorBody | null {
  try {
    const parsed = JSON.parse(body) as Partial<DarajaErrorBody>;
    return typeof parsed.errorCode === 'string' && typeof parsed.errorMessage === 'string' ? (parsed as DarajaErrorBody) : null;
  } catch {
    return null;
  }
}

function parse<T>(body: string): T {
  try {
    return JSON.parse(body) as T;
  } catch {
    throw new GatewayOutcomeUnknownError('mpesa answered with a body that is not JSON');
  }
}
