import { messagingTablesDown, messagingTablesUp } from '@payrail/messaging';
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateAuthTables1764000000000 implements MigrationInterface {
  name = 'CreateAuthTables1764000000000';

  async up(runner: QueryRunner): Promise<void> {
    for (const statement of messagingTablesUp('auth')) await runner.query(statement);
    await runner.query(`CREATE TABLE "auth"."merchants" (
      "id" text NOT NULL,
      "name" text NOT NULL,
      "email" text,
      "created_at" timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT "merchants_pkey" PRIMARY KEY ("id"),
      CONSTRAINT "merchants_name_not_blank" CHECK (length(btrim("name")) > 0)
    )`);
    await runner.query(`CREATE TABLE "auth"."users" (
      "id" text NOT NULL,
      "merchant_id" text NOT NULL,
      "username" text NOT NULL,
      "password_hash" text NOT NULL,
      "role" text NOT NULL,
      "created_at" timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT "users_pkey" PRIMARY KEY ("id"),
      CONSTRAINT "users_merchant_fkey" FOREIGN KEY ("merchant_id") REFERENCES "auth"."merchants" ("id"),
      CONSTRAINT "users_username_key" UNIQUE ("username"),
      CONSTRAINT "users_username_lower" CHECK ("username" = lower("username")),
      CONSTRAINT "users_role_known" CHECK ("role" IN ('owner','developer','viewer'))
    )`);
    await runner.query(`CREATE INDEX "users_merchant_idx" ON "auth"."users" ("merchant_id")`);
    await runner.query(`CREATE TABLE "auth"."api_keys" (
      "id" text NOT NULL,
      "merchant_id" text NOT NULL,
      "livemode" boolean NOT NULL,
      "type" text NOT NULL,
      "key_hash" text NOT NULL,
      "prefix" text NOT NULL,
      "last4" text NOT NULL,
      "created_at" timestamptz NOT NULL DEFAULT now(),
      "expires_at" timestamptz,
      "revoked_at" timestamptz,
      CONSTRAINT "api_keys_pkey" PRIMARY KEY ("id"),
      CONSTRAINT "api_keys_merchant_fkey" FOREIGN KEY ("merchant_id") REFERENCES "auth"."merchants" ("id"),
      CONSTRAINT "api_keys_key_hash_key" UNIQUE ("key_hash"),
      CONSTRAINT "api_keys_type_known" CHECK ("type" IN ('secret','publishable'))
    )`);
    await runner.query(`CREATE INDEX "api_keys_merchant_created_idx" ON "auth"."api_keys" ("merchant_id", "livemode", "created_at" DESC, "id" DESC)`);
    await runner.query(`CREATE TABLE "auth"."oauth_clients" (
      "id" text NOT NULL,
      "merchant_id" text NOT NULL,
      "secret_hash" text NOT NULL,
      "name" text NOT NULL,
      "scopes" text[] NOT NULL DEFAULT '{}',
      "created_at" timestamptz NOT NULL DEFAULT now(),
      "revoked_at" timestamptz,
      CONSTRAINT "oauth_clients_pkey" PRIMARY KEY ("id"),
      CONSTRAINT "oauth_clients_merchant_fkey" FOREIGN KEY ("merchant_id") REFERENCES "auth"."merchants" ("id")
    )`);
    await runner.query(`CREATE INDEX "oauth_clients_merchant_idx" ON "auth"."oauth_clients" ("merchant_id")`);
    await runner.query(`CREATE TABLE "auth"."signing_keys" (
      "id" text NOT NULL,
      "merchant_id" text NOT NULL,
      "livemode" boolean NOT NULL,
      "secret_ciphertext" text NOT NULL,
      "last4" text NOT NULL,
      "created_at" timestamptz NOT NULL DEFAULT now(),
      "revoked_at" timestamptz,
      CONSTRAINT "signing_keys_pkey" PRIMARY KEY ("id"),
      CONSTRAINT "signing_keys_merchant_fkey" FOREIGN KEY ("merchant_id") REFERENCES "auth"."merchants" ("id")
    )`);
    await runner.query(`CREATE INDEX "signing_keys_merchant_idx" ON "auth"."signing_keys" ("merchant_id", "livemode")`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE "auth"."signing_keys"`);
    await runner.query(`DROP TABLE "auth"."oauth_clients"`);
    await runner.query(`DROP TABLE "auth"."api_keys"`);
    await runner.query(`DROP TABLE "auth"."users"`);
    await runner.query(`DROP TABLE "auth"."merchants"`);
    for (const statement of messagingTablesDown('auth')) await runner.query(statement);
  }
}
