import type { Kysely } from 'kysely';
import type { AuditPort } from '../core/audit/port.ts';
import type { Database } from './database.ts';

/** SEC-3: append only; the table's triggers refuse updates and deletes. */
export function auditRepo(db: Kysely<Database>): AuditPort {
  return {
    async record(entry) {
      await db
        .insertInto('audit_log')
        .values({
          at: entry.at,
          actor_id: entry.actorId,
          action: entry.action,
          subject_type: entry.subjectType,
          subject_id: entry.subjectId,
          platform: entry.platform,
          details: JSON.stringify(entry.details ?? {}),
        })
        .execute();
    },
  };
}
