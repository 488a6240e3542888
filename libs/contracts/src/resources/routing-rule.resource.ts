import type { Metadata } from './list.js';

/** One of a merchant's ordered routing rules, in one mode. Lower `priority` is tried first; ties go oldest first. */
export class RoutingRuleResource {
  id: string;
  object: 'routing_rule';
  livemode: boolean;
  priority: number;
  /** Empty: any. */
  payment_method_types: string[];
  /** Lower case; empty: any. */
  currencies: string[];
  amount_min: number | null;
  amount_max: number | null;
  match_metadata: Metadata;
  gateway_account: string;
  fallback_gateway_accounts: string[];
  metadata: Metadata;
  created: number;
  updated: number;
}

export class DeletedRoutingRuleResource {
  id: string;
  object: 'routing_rule';
  deleted: true;
}

export type CircuitState = 'closed' | 'open' | 'half_open';

export class GatewayWindowHealth {
  /** Calls that reached the gateway or tried to (calls skipped by an open circuit are not counted). */
  attempts: number;
  /** Share of those the gateway answered (an approval, a decline or a refusal all count); null without attempts. */
  success_rate: number | null;
  latency_ms: { p50: number | null; p95: number | null };
}

/** A light probe of a gateway account: an authenticated read sent when no payment called it lately. */
export class GatewayProbe {
  /** `answered`, `credentials_refused`, `unreachable`, `outcome_unknown` or `error`. */
  outcome: string;
  latency_ms: number;
  created: number;
}

/** How one of the caller's gateway accounts has been doing, from the attempts Payrail made through it. */
export class GatewayHealthResource {
  object: 'gateway_health';
  gateway_account: string;
  gateway: string;
  enabled: boolean;
  /**
   * `down`: its circuit is open, or its latest light probe failed (a refused key, no answer) and no
   * payment reached it since; `degraded`: half-open, or under 95 % success over 5 minutes; else `operational`.
   */
  status: 'operational' | 'degraded' | 'down';
  /** Why it is not operational, in words for the merchant; null when operational. */
  reason: string | null;
  /**
   * The latest light probe (an authenticated read sent when no payment called the account lately);
   * `outcome`: `answered`, `credentials_refused`, `unreachable`, `outcome_unknown` or `error`. Null if never probed.
   */
  last_probe: GatewayProbe | null;
  circuit: { state: CircuitState; opened_at: number | null };
  last_5_minutes: GatewayWindowHealth;
  last_60_minutes: GatewayWindowHealth;
  /** Percentage of the last 24 hours' minutes with calls or probes in which at least half of them succeeded; null without any. */
  uptime_24h: number | null;
}
