import { Inject, Injectable } from '@nestjs/common';
import type { RevokedSubject } from '@payrail/contracts';
import { DataSource, type EntityManager } from 'typeorm';
import { RevokedSubjectEntity } from './revoked-subject.entity.js';
import type { SubjectRevocationWindow } from './subject-revocation-window.js';

@Injectable()
export class RevokedSubjectsRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  /**
   * Revokes the subject's tokens issued up to the window's end, by the database's clock. Revoking a
   * subject again only widens its window, and dates the entry anew so that incremental reads see it.
   */
  async add(manager: EntityManager, sub: string, window: SubjectRevocationWindow): Promise<void> {
    await manager.query(
      `INSERT INTO "auth"."revoked_subjects" ("sub", "issued_up_to", "exp", "revoked_at")
       VALUES ($1, now() + make_interval(secs => $2::int), now() + make_interval(secs => $3::int), now())
       ON CONFLICT ("sub") DO UPDATE SET
         "issued_up_to" = GREATEST("revoked_subjects"."issued_up_to", EXCLUDED."issued_up_to"),
         "exp" = GREATEST("revoked_subjects"."exp", EXCLUDED."exp"),
         "revoked_at" = now()`,
      [sub, window.issuedUpToInSeconds, window.expInSeconds],
    );
  }

  /** Whether a token of this subject issued at `iat` (unix seconds) is revoked. */
  async covers(sub: string, iat: number): Promise<boolean> {
    const rows = (await this.dataSource.query(
      `SELECT 1 FROM "auth"."revoked_subjects" WHERE "sub" = $1 AND floor(extract(epoch FROM "issued_up_to")) >= $2 LIMIT 1`,
      [sub, iat],
    )) as unknown[];
    return rows.length > 0;
  }

  /**
   * Entries not yet expired, revoked at or after `since` (unix ms) when given. The caller reads the
   * database's clock before this, as for revoked tokens.
   */
  async listUnexpired(since: number | undefined): Promise<RevokedSubject[]> {
    const rows = (await this.dataSource.query(
      `SELECT "sub",
              floor(extract(epoch FROM "issued_up_to"))::bigint::text AS "issued_up_to",
              ceil(extract(epoch FROM "exp"))::bigint::text AS "exp"
       FROM "auth"."revoked_subjects"
       WHERE "exp" > now() AND ($1::bigint IS NULL OR "revoked_at" >= to_timestamp($1::bigint / 1000.0))
       ORDER BY "revoked_at", "sub"`,
      [since ?? null],
    )) as Array<{ sub: string; issued_up_to: string; exp: string }>;
    return rows.map((row) => ({ sub: row.sub, issuedUpTo: Number(row.issued_up_to), exp: Number(row.exp) }));
  }

  /** Deletes up to `limit` entries whose tokens have all expired. */
  async purgeExpired(limit: number): Promise<number> {
    const result = await this.dataSource.manager
      .createQueryBuilder()
      .delete()
      .from(RevokedSubjectEntity)
      .where(`sub IN (SELECT expired.sub FROM "auth"."revoked_subjects" expired WHERE expired.exp <= now() LIMIT :limit)`, { limit })
      .execute();
    return result.affected ?? 0;
  }
}
