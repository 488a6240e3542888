// Container health probe: GET /health on PAYRAIL_HEALTH_PORT (backend services) or PORT (the edge and
// the all-in-one runner, 3000 by default). Exit 0 on a 2xx answer within 4 s, else 1.
const port = process.env.PAYRAIL_HEALTH_PORT || process.env.PORT || '3000';
try {
  const response = await fetch(`http://127.0.0.1:${port}/health`, { signal: AbortSignal.timeout(4000) });
  process.exit(response.ok ? 0 : 1);
} catch {
  process.exit(1);
}
