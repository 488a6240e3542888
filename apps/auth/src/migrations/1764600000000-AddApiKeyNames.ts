import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AddApiKeyNames1764600000000 implements MigrationInterface {
  name = 'AddApiKeyNames1764600000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE "auth"."api_keys" ADD COLUMN "name" text`);
    await runner.query(`ALTER TABLE "auth"."api_keys" ADD CONSTRAINT "api_keys_name_length" CHECK ("name" IS NULL OR length("name") <= 200)`);
    // Every key of a merchant, both modes, newest first: what the key list reads.
    await runner.query(`CREATE INDEX "api_keys_merchant_all_modes_idx" ON "auth"."api_keys" ("merchant_id", "created_at" DESC, "id" DESC)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP INDEX "auth"."api_keys_merchant_all_modes_idx"`);
    await runner.query(`ALTER TABLE "auth"."api_keys" DROP CONSTRAINT "api_keys_name_length"`);
    await runner.query(`ALTER TABLE "auth"."api_keys" DROP COLUMN "name"`);
  }
}
