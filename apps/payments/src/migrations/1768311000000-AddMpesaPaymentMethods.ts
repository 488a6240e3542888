import type { MigrationInterface, QueryRunner } from 'typeorm';

const CARD_COLUMNS = ['card_brand', 'card_last4', 'card_exp_month', 'card_exp_year', 'card_funding', 'card_fingerprint', 'card_checks'];
const TABLE = '"payments"."payment_methods"';

/**
 * M-Pesa payment methods: a phone number instead of a card. Card columns are required of cards only, and
 * the no-card-number check stays on cards (an M-Pesa token is the 12-digit phone number itself).
 */
export class AddMpesaPaymentMethods1768311000000 implements MigrationInterface {
  name = 'AddMpesaPaymentMethods1768311000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE ${TABLE} ADD COLUMN "mpesa_phone_number" text`);
    for (const column of CARD_COLUMNS) await runner.query(`ALTER TABLE ${TABLE} ALTER COLUMN "${column}" DROP NOT NULL`);
    await runner.query(`ALTER TABLE ${TABLE} DROP CONSTRAINT "payment_methods_type_known"`);
    await runner.query(`ALTER TABLE ${TABLE} ADD CONSTRAINT "payment_methods_type_known" CHECK ("type" IN ('card', 'mpesa'))`);
    await runner.query(`ALTER TABLE ${TABLE} DROP CONSTRAINT "payment_methods_token_not_a_pan"`);
    await runner.query(`ALTER TABLE ${TABLE} ADD CONSTRAINT "payment_methods_token_not_a_pan" CHECK ("type" <> 'card' OR "connector_token" !~ '[0-9]{12,}')`);
    await runner.query(
      `ALTER TABLE ${TABLE} ADD CONSTRAINT "payment_methods_card_complete" CHECK ("type" <> 'card' OR (${CARD_COLUMNS.map((column) => `"${column}" IS NOT NULL`).join(' AND ')}))`,
    );
    await runner.query(`ALTER TABLE ${TABLE} ADD CONSTRAINT "payment_methods_mpesa_phone" CHECK ("type" <> 'mpesa' OR "mpesa_phone_number" ~ '^254[17][0-9]{8}$')`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DELETE FROM ${TABLE} WHERE "type" = 'mpesa'`);
    await runner.query(`ALTER TABLE ${TABLE} DROP CONSTRAINT "payment_methods_mpesa_phone"`);
    await runner.query(`ALTER TABLE ${TABLE} DROP CONSTRAINT "payment_methods_card_complete"`);
    await runner.query(`ALTER TABLE ${TABLE} DROP CONSTRAINT "payment_methods_token_not_a_pan"`);
    await runner.query(`ALTER TABLE ${TABLE} ADD CONSTRAINT "payment_methods_token_not_a_pan" CHECK ("connector_token" !~ '[0-9]{12,}')`);
    await runner.query(`ALTER TABLE ${TABLE} DROP CONSTRAINT "payment_methods_type_known"`);
    await runner.query(`ALTER TABLE ${TABLE} ADD CONSTRAINT "payment_methods_type_known" CHECK ("type" IN ('card'))`);
    for (const column of CARD_COLUMNS) await runner.query(`ALTER TABLE ${TABLE} ALTER COLUMN "${column}" SET NOT NULL`);
    await runner.query(`ALTER TABLE ${TABLE} DROP COLUMN "mpesa_phone_number"`);
  }
}
