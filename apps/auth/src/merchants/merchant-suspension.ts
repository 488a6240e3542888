import type { DataSource } from 'typeorm';
import { RevokedSubjectsRepository } from '../oauth/revocation/revoked-subjects.repository.js';
import { subjectRevocationWindow } from '../oauth/revocation/subject-revocation-window.js';

export interface MerchantStatusChange {
  merchant: string;
  status: 'suspended' | 'active';
  suspended_at: string | null;
  reason: string | null;
}

/**
 * Suspends a merchant: from now on its API keys, signing keys, OAuth clients and users are refused, and
 * the access tokens already issued to its clients and users join the edge's deny list (they would
 * otherwise be honoured until they expire, since the edge checks them without asking auth).
 */
export async function suspendMerchant(dataSource: DataSource, merchantId: string, reason: string | null, accessTokenLifetimeSeconds: number): Promise<MerchantStatusChange> {
  const revokedSubjects = new RevokedSubjectsRepository(dataSource);
  const window = subjectRevocationWindow(accessTokenLifetimeSeconds);
  return dataSource.transaction(async (manager) => {
    const rows = (await manager.query(
      `UPDATE "auth"."merchants" SET "suspended_at" = COALESCE("suspended_at", now()), "suspension_reason" = $2 WHERE "id" = $1 RETURNING "suspended_at"`,
      [merchantId, reason],
    )) as [Array<{ suspended_at: Date }>, number];
    const [updated] = rows[0];
    if (!updated) throw new Error(`No merchant ${merchantId}.`);
    const subjects = (await manager.query(
      `SELECT "id" FROM "auth"."oauth_clients" WHERE "merchant_id" = $1 UNION SELECT "id" FROM "auth"."users" WHERE "merchant_id" = $1`,
      [merchantId],
    )) as Array<{ id: string }>;
    for (const { id } of subjects) await revokedSubjects.add(manager, id, window);
    return { merchant: merchantId, status: 'suspended', suspended_at: updated.suspended_at.toISOString(), reason };
  });
}

/** Lifts a suspension: the merchant's credentials work again (tokens revoked by the suspension stay revoked). */
export async function resumeMerchant(dataSource: DataSource, merchantId: string): Promise<MerchantStatusChange> {
  const rows = (await dataSource.query(
    `UPDATE "auth"."merchants" SET "suspended_at" = NULL, "suspension_reason" = NULL WHERE "id" = $1 RETURNING "id"`,
    [merchantId],
  )) as [unknown[], number];
  if (rows[0].length === 0) throw new Error(`No merchant ${merchantId}.`);
  return { merchant: merchantId, status: 'active', suspended_at: null, reason: null };
}
