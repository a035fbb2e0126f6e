import { sql, type Kysely } from 'kysely';
import type { Database } from './database.ts';

/** A budget's limits: at most `perSecond` messages in any second and, when given, `perMinute` in any minute. */
export interface BudgetLimits {
  perSecond: number;
  perMinute?: number;
}

/**
 * Sending budgets shared by every process on the database (one Feishu app's
 * 50 a second and 1,000 a minute belong to the app, whichever instance or
 * `npm run job` sends). A budget is one row holding the times of its last
 * messages in two rings (the last `perSecond`, the last `perMinute`); taking a
 * slot is one statement that locks the row, picks the first moment at which
 * both windows have room, and writes it into both rings. Concurrent callers
 * queue on the row lock, so no two get the same room. The times are the
 * database's clock, so instances whose clocks differ share one schedule.
 */
export function sendBudgetRepo(db: Kysely<Database>) {
  const known = new Set<string>();
  return {
    /** Takes the next slot of `scope`; answers it and the database's now (ms): the caller waits `slot - now` before sending. */
    async reserve(scope: string, limits: BudgetLimits): Promise<{ slot: number; now: number }> {
      if (!known.has(scope)) {
        await db.insertInto('send_budgets').values({ scope }).onConflict((oc) => oc.column('scope').doNothing()).execute();
        known.add(scope);
      }
      const perMinute = limits.perMinute ?? 0;
      // The ring entry the new message replaces is the one `perSecond` (`perMinute`) messages back; it
      // bounds the slot (greatest() ignores the NULLs of a ring not yet full, and of no minute limit).
      // One UPDATE: it waits for the row lock first and evaluates the clock after, so a caller that
      // queued behind another reads the time it actually got the row.
      const secondAt = sql`(taken % ${limits.perSecond}) + 1`;
      const minuteAt = perMinute ? sql`(taken % ${perMinute}) + 1` : sql`1`;
      const clock = sql`(extract(epoch from clock_timestamp()) * 1000)::double precision`;
      const slot = sql`greatest(${clock}, second_ring[${secondAt}] + 1000, ${perMinute ? sql`minute_ring[${minuteAt}] + 60000` : sql`null`})`;
      const result = await sql<{ slot: number; now: number }>`
        update send_budgets set
          taken = taken + 1,
          second_ring[${secondAt}] = ${slot},
          minute_ring[${minuteAt}] = ${perMinute ? slot : sql`null`}
        where scope = ${scope}
        returning second_ring[((taken - 1) % ${limits.perSecond}) + 1] as slot, ${clock} as now`.execute(db);
      const answer = result.rows[0];
      if (!answer) throw new Error(`send budget ${scope} is missing`);
      return { slot: Number(answer.slot), now: Number(answer.now) };
    },
  };
}

export type SendBudgets = ReturnType<typeof sendBudgetRepo>;
