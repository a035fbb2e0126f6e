import { ConfigError } from '../config/config-error.ts';
import { exitWith, runOnDatabase } from './run.ts';

/**
 * `npm run outbox -- status`: what the bot has queued, sent and failed to send
 * (DATABASE_URL, else the PGlite in DATA_DIR), and why the last failures failed.
 */
if (process.argv[2] !== 'status') exitWith(new ConfigError('usage: npm run outbox -- status'));

runOnDatabase(async (database) => {
  const counts = await database.db
    .selectFrom('outbox')
    .select(['status', (eb) => eb.fn.countAll<number | string>().as('n'), (eb) => eb.fn.min('created_at').as('oldest')])
    .groupBy('status')
    .execute();
  const byStatus = Object.fromEntries(counts.map((c) => [c.status, Number(c.n)]));
  const out = [`outbox: ${['pending', 'sending', 'sent', 'failed'].map((s) => `${s} ${byStatus[s] ?? 0}`).join(', ')}`];
  const oldest = counts.find((c) => c.status === 'pending')?.oldest;
  if (oldest) out.push(`oldest pending since ${new Date(oldest).toISOString()}`);
  const failures = await database.db
    .selectFrom('outbox')
    .select(['id', 'person_id', 'platform', 'attempts', 'last_error', 'created_at'])
    .where('status', '=', 'failed')
    .orderBy('id', 'desc')
    .limit(10)
    .execute();
  for (const f of failures) {
    out.push(`failed #${f.id} to ${f.person_id} via ${f.platform ?? '-'} after ${f.attempts} attempt(s): ${f.last_error ?? ''}`);
  }
  process.stdout.write(`${out.join('\n')}\n`);
});
