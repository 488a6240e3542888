import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreatePaymentMethodsAndCustomers1764200000000 implements MigrationInterface {
  name = 'CreatePaymentMethodsAndCustomers1764200000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE TABLE "payments"."customers" (
      "id" text NOT NULL,
      "merchant_id" text NOT NULL,
      "livemode" boolean NOT NULL,
      "email" text,
      "name" text,
      "phone" text,
      "description" text,
      "metadata" jsonb NOT NULL DEFAULT '{}'::jsonb,
      "default_payment_method" text,
      "invoice_prefix" text NOT NULL,
      "deleted_at" timestamptz,
      "created_at" timestamptz NOT NULL DEFAULT now(),
      "updated_at" timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT "customers_pkey" PRIMARY KEY ("id")
    )`);
    await runner.query(`CREATE INDEX "customers_merchant_created_idx" ON "payments"."customers" ("merchant_id", "livemode", "created_at" DESC, "id" DESC)`);
    await runner.query(`CREATE INDEX "customers_merchant_email_idx" ON "payments"."customers" ("merchant_id", "livemode", "email")`);
    // No column can hold a card number: the connector token is checked not to look like one.
    await runner.query(`CREATE TABLE "payments"."payment_methods" (
      "id" text NOT NULL,
      "merchant_id" text NOT NULL,
      "livemode" boolean NOT NULL,
      "type" text NOT NULL,
      "customer_id" text,
      "card_brand" text NOT NULL,
      "card_last4" text NOT NULL,
      "card_exp_month" integer NOT NULL,
      "card_exp_year" integer NOT NULL,
      "card_funding" text NOT NULL,
      "card_country" text,
      "card_fingerprint" text NOT NULL,
      "card_checks" jsonb NOT NULL,
      "connector" text NOT NULL,
      "connector_token" text NOT NULL,
      "billing_details" jsonb NOT NULL,
      "metadata" jsonb NOT NULL DEFAULT '{}'::jsonb,
      "created_at" timestamptz NOT NULL DEFAULT now(),
      "updated_at" timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT "payment_methods_pkey" PRIMARY KEY ("id"),
      CONSTRAINT "payment_methods_customer_fkey" FOREIGN KEY ("customer_id") REFERENCES "payments"."customers" ("id"),
      CONSTRAINT "payment_methods_type_known" CHECK ("type" IN ('card')),
      CONSTRAINT "payment_methods_last4_digits" CHECK ("card_last4" ~ '^[0-9]{4}$'),
      CONSTRAINT "payment_methods_exp_month_range" CHECK ("card_exp_month" BETWEEN 1 AND 12),
      CONSTRAINT "payment_methods_token_not_a_pan" CHECK ("connector_token" !~ '[0-9]{12,}')
    )`);
    await runner.query(`CREATE INDEX "payment_methods_merchant_created_idx" ON "payments"."payment_methods" ("merchant_id", "livemode", "created_at" DESC, "id" DESC)`);
    await runner.query(`CREATE INDEX "payment_methods_customer_created_idx" ON "payments"."payment_methods" ("customer_id", "created_at" DESC, "id" DESC) WHERE "customer_id" IS NOT NULL`);
    await runner.query(`ALTER TABLE "payments"."customers" ADD CONSTRAINT "customers_default_payment_method_fkey"
      FOREIGN KEY ("default_payment_method") REFERENCES "payments"."payment_methods" ("id")`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE "payments"."customers" DROP CONSTRAINT "customers_default_payment_method_fkey"`);
    await runner.query(`DROP TABLE "payments"."payment_methods"`);
    await runner.query(`DROP TABLE "payments"."customers"`);
  }
}
