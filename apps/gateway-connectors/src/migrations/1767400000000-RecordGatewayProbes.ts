import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Light health probes of gateway accounts without recent traffic: each probe's outcome (kept a day, for
 * `/v1/gateways/health`'s status and uptime), and when each account may be probed next, which replicas
 * claim in one statement so that an account is probed once per interval however many run.
 */
export class RecordGatewayProbes1767400000000 implements MigrationInterface {
  name = 'RecordGatewayProbes1767400000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE TABLE "connectors"."gateway_probes" (
      "id" text NOT NULL,
      "gateway_account_id" text NOT NULL,
      "outcome_class" text NOT NULL,
      "reason" text,
      "latency_ms" integer NOT NULL,
      "probed_at" timestamptz NOT NULL,
      CONSTRAINT "gateway_probes_pkey" PRIMARY KEY ("id"),
      CONSTRAINT "gateway_probes_outcome_class" CHECK ("outcome_class" IN ('answered', 'credentials_refused', 'unreachable', 'outcome_unknown', 'error'))
    )`);
    await runner.query(`CREATE INDEX "gateway_probes_account_time_idx" ON "connectors"."gateway_probes" ("gateway_account_id", "probed_at")`);
    await runner.query(`CREATE TABLE "connectors"."gateway_probe_schedule" (
      "gateway_account_id" text NOT NULL,
      "next_probe_at" timestamptz NOT NULL,
      CONSTRAINT "gateway_probe_schedule_pkey" PRIMARY KEY ("gateway_account_id")
    )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE "connectors"."gateway_probe_schedule"`);
    await runner.query(`DROP TABLE "connectors"."gateway_probes"`);
  }
}
