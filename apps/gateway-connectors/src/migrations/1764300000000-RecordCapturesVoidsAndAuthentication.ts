import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Captures and voids of manual-capture authorisations become transactions of their own, and an
 * authorisation may wait for 3D Secure (`requires_action`); its completion is a second authorisation
 * row whose parent is the one that asked for authentication.
 */
export class RecordCapturesVoidsAndAuthentication1764300000000 implements MigrationInterface {
  name = 'RecordCapturesVoidsAndAuthentication1764300000000';

  async up(runner: QueryRunner): Promise<void> {
    const table = `"connectors"."gateway_transactions"`;
    await runner.query(`ALTER TABLE ${table} DROP CONSTRAINT "gateway_transactions_kind_known"`);
    await runner.query(`ALTER TABLE ${table} ADD CONSTRAINT "gateway_transactions_kind_known" CHECK ("kind" IN ('authorization', 'refund', 'capture', 'void'))`);
    await runner.query(`ALTER TABLE ${table} DROP CONSTRAINT "gateway_transactions_outcome_known"`);
    await runner.query(
      `ALTER TABLE ${table} ADD CONSTRAINT "gateway_transactions_outcome_known" CHECK ("outcome" IN ('succeeded', 'declined', 'failed', 'pending', 'requires_action'))`,
    );
    await runner.query(`ALTER TABLE ${table} DROP CONSTRAINT "gateway_transactions_refund_has_parent"`);
    await runner.query(`ALTER TABLE ${table} ADD CONSTRAINT "gateway_transactions_parent_required" CHECK ("kind" = 'authorization' OR "parent_id" IS NOT NULL)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    const table = `"connectors"."gateway_transactions"`;
    await runner.query(`DELETE FROM ${table} WHERE "kind" IN ('capture', 'void')`);
    await runner.query(`DELETE FROM ${table} WHERE "parent_id" IS NOT NULL AND "kind" = 'authorization'`);
    await runner.query(`DELETE FROM ${table} WHERE "outcome" = 'requires_action'`);
    await runner.query(`ALTER TABLE ${table} DROP CONSTRAINT "gateway_transactions_parent_required"`);
    await runner.query(`ALTER TABLE ${table} ADD CONSTRAINT "gateway_transactions_refund_has_parent" CHECK (("kind" = 'refund') = ("parent_id" IS NOT NULL))`);
    await runner.query(`ALTER TABLE ${table} DROP CONSTRAINT "gateway_transactions_outcome_known"`);
    await runner.query(`ALTER TABLE ${table} ADD CONSTRAINT "gateway_transactions_outcome_known" CHECK ("outcome" IN ('succeeded', 'declined', 'failed', 'pending'))`);
    await runner.query(`ALTER TABLE ${table} DROP CONSTRAINT "gateway_transactions_kind_known"`);
    await runner.query(`ALTER TABLE ${table} ADD CONSTRAINT "gateway_transactions_kind_known" CHECK ("kind" IN ('authorization', 'refund'))`);
  }
}
