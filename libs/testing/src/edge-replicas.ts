/** What an edge answered a bearer token on a read any token may make. */
export interface TokenUse {
  status: number;
  code?: string;
  message?: string;
}

/** Every edge replica of the platform under test (PAYRAIL_TEST_EDGE_URLS), the base URL first. */
export function testEdgeUrls(): string[] {
  const base = process.env.PAYRAIL_TEST_BASE_URL!;
  return JSON.parse(process.env.PAYRAIL_TEST_EDGE_URLS ?? JSON.stringify([base])) as string[];
}

/** `GET /v1/payment_intents?limit=1` at one edge with the token: 200, or the refusal's code and message. */
export async function tokenUseAt(edge: string, token: string): Promise<TokenUse> {
  const response = await fetch(`${edge}/v1/payment_intents?limit=1`, { headers: { authorization: `Bearer ${token}` } });
  const body = (await response.json()) as { error?: { code: string; message: string } };
  return response.ok ? { status: response.status } : { status: response.status, code: body.error?.code, message: body.error?.message };
}

/** What every edge answers the token now. */
export function tokenUseEverywhere(token: string, edges: string[] = testEdgeUrls()): Promise<TokenUse[]> {
  return Promise.all(edges.map((edge) => tokenUseAt(edge, token)));
}

/**
 * Asks each edge again and again until it stops taking the token or `withinMs` has passed, and returns
 * what each said last. Revocations reach the edges by polling: within seconds, not at once.
 */
export async function tokenUseOnceRefusedEverywhere(token: string, { edges = testEdgeUrls(), withinMs = 10_000 } = {}): Promise<TokenUse[]> {
  const deadline = Date.now() + withinMs;
  const answers: TokenUse[] = [];
  for (const edge of edges) {
    let last = await tokenUseAt(edge, token);
    while (last.status === 200 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      last = await tokenUseAt(edge, token);
    }
    answers.push(last);
  }
  return answers;
}

/** How an edge refuses a revoked access token. */
export const REVOKED_TOKEN_USE: TokenUse = { status: 401, code: 'access_token_invalid', message: 'The access token has been revoked.' };
