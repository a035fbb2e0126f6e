import { type Kysely, sql } from 'kysely';
import type { Notice } from '../core/notices.ts';
import type { Person } from '../core/people.ts';
import type { Database } from './database.ts';
import { toPerson } from './directory-repo.ts';

/** One claimed outbox row: ours while it is 'sending' with this attempt count. */
export interface ClaimedRow {
  id: number;
  personId: string;
  notice: Notice;
  attempts: number;
  updateOf: number | null;
}

/** How a claimed row ends its attempt. */
export interface Settlement {
  status: 'sent' | 'pending' | 'failed';
  platform?: string;
  error?: string;
  retryAt?: Date;
  ref?: Record<string, string> | void;
}

/**
 * The outbox as the dispatcher works it: rows claimed with FOR UPDATE SKIP
 * LOCKED in one statement, so two dispatchers (two bot instances) never take
 * the same row; a claim is a lease until `leaseUntil`, so a row whose
 * dispatcher died is taken again once it runs out. Renewals and settlements
 * apply only while the row is still 'sending' with the caller's attempt count.
 */
export function outboxQueue(db: Kysely<Database>) {
  return {
    async claim(limit: number, now: Date, leaseUntil: Date): Promise<ClaimedRow[]> {
      const { rows } = await sql<{ id: number; person_id: string; notice: Notice; attempts: number; update_of: number | null }>`
        update outbox set status = 'sending', attempts = attempts + 1, lease_until = ${leaseUntil}
        where id in (
          select id from outbox
          where (status = 'pending' and next_attempt_at <= ${now}) or (status = 'sending' and lease_until < ${now})
          order by id limit ${limit}
          for update skip locked
        )
        returning id, person_id, notice, attempts, update_of`.execute(db);
      // UPDATE … RETURNING keeps no order: the rows in the order they were queued.
      return rows
        .map((r) => ({ id: Number(r.id), personId: r.person_id, notice: r.notice, attempts: r.attempts, updateOf: r.update_of === null ? null : Number(r.update_of) }))
        .sort((a, b) => a.id - b.id);
    },

    /** Extends a claim; false when the row is no longer ours (another dispatcher took it after our lease ran out). */
    async renew(id: number, attempts: number, leaseUntil: Date): Promise<boolean> {
      const renewed = await db.updateTable('outbox').set({ lease_until: leaseUntil })
        .where('id', '=', id)
        .where('status', '=', 'sending')
        .where('attempts', '=', attempts)
        .executeTakeFirst();
      return Number(renewed.numUpdatedRows) === 1;
    },

    async settle(id: number, attempts: number, change: Settlement, now: Date): Promise<void> {
      await db
        .updateTable('outbox')
        .set({
          status: change.status,
          lease_until: null,
          ...(change.status === 'sent' && { sent_at: now }),
          ...(change.platform && { platform: change.platform }),
          ...(change.error !== undefined && { last_error: change.error.slice(0, 500) }),
          ...(change.retryAt && { next_attempt_at: change.retryAt }),
          ...(change.ref && { ref: JSON.stringify(change.ref) }),
        })
        .where('id', '=', id)
        .where('status', '=', 'sending')
        .where('attempts', '=', attempts)
        .execute();
    },

    /** The row an update replaces: where it went and whether it was sent. */
    original(id: number) {
      return db.selectFrom('outbox').select(['status', 'platform', 'ref']).where('id', '=', id).executeTakeFirst();
    },

    /** What `npm run outbox -- status` shows: rows by status, the oldest pending, the last failures with their reasons. */
    async status() {
      const counts = await db
        .selectFrom('outbox')
        .select(['status', (eb) => eb.fn.countAll<number | string>().as('n'), (eb) => eb.fn.min('created_at').as('oldest')])
        .groupBy('status')
        .execute();
      const failures = await db
        .selectFrom('outbox')
        .select(['id', 'person_id', 'platform', 'attempts', 'last_error', 'created_at'])
        .where('status', '=', 'failed')
        .orderBy('id', 'desc')
        .limit(10)
        .execute();
      const oldest = counts.find((c) => c.status === 'pending')?.oldest;
      return {
        byStatus: Object.fromEntries(counts.map((c) => [c.status, Number(c.n)])) as Record<string, number>,
        oldestPending: oldest ? new Date(oldest) : null,
        failures,
      };
    },

    /** What /metrics shows: how many rows are not yet sent, and how old the oldest of them is at `now`. */
    async backlog(now: Date): Promise<{ pending: number; oldestPendingSeconds: number | null }> {
      const row = await db
        .selectFrom('outbox')
        .select([(eb) => eb.fn.countAll<number | string>().as('n'), (eb) => eb.fn.min('created_at').as('oldest')])
        .where('status', 'in', ['pending', 'sending'])
        .executeTakeFirst();
      const oldest = row?.oldest ? new Date(row.oldest as Date) : null;
      return { pending: Number(row?.n ?? 0), oldestPendingSeconds: oldest ? Math.max(0, (now.getTime() - oldest.getTime()) / 1000) : null };
    },

    /** The active people a batch is for, in one read. */
    async people(ids: string[]): Promise<Map<string, Person>> {
      const rows = ids.length ? await db.selectFrom('people').selectAll().where('id', 'in', ids).where('active', '=', true).execute() : [];
      return new Map(rows.map((p) => [p.id, toPerson(p)]));
    },
  };
}

export type OutboxQueue = ReturnType<typeof outboxQueue>;
