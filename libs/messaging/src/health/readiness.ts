/** One dependency a process needs to do its work, checked afresh on every probe. */
export interface ReadinessCheck {
  name: string;
  check: () => Promise<unknown>;
}

export interface Readiness {
  ready: boolean;
  checks: Record<string, 'up' | 'down'>;
}

/** Long enough for a round trip under load, well inside the probes' own timeouts in k8s/ (5 s). */
export const READINESS_CHECK_TIMEOUT_MS = 1_500;

/**
 * Runs every check at once, each bounded by a timeout: a database that hangs counts as down rather than
 * holding the probe until the orchestrator gives up on it.
 */
export async function checkReadiness(checks: readonly ReadinessCheck[], timeoutMs = READINESS_CHECK_TIMEOUT_MS): Promise<Readiness> {
  const results = await Promise.all(checks.map(async ({ name, check }) => [name, await passes(check, timeoutMs)] as const));
  return {
    ready: results.every(([, up]) => up),
    checks: Object.fromEntries(results.map(([name, up]) => [name, up ? 'up' : 'down'])),
  };
}

async function passes(check: () => Promise<unknown>, timeoutMs: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  try {
    return await Promise.race([check().then(() => true, () => false), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** The database check every service shares: one trivial statement through the service's own pool. */
export function databaseCheck(query: (sql: string) => Promise<unknown>): ReadinessCheck {
  return { name: 'database', check: () => query('SELECT 1') };
}
