import { ConfigError } from '../config/config-error.ts';
import { outboxQueue } from '../store/outbox-queue.ts';
import { exitWith, runOnDatabase } from './run.ts';

/**
 * `npm run outbox -- status`: what the bot has queued, sent and failed to send
 * (DATABASE_URL, else the PGlite in DATA_DIR), and why the last failures failed.
 */
if (process.argv[2] !== 'status') exitWith(new ConfigError('usage: npm run outbox -- status'));

runOnDatabase(async (database) => {
  const { byStatus, oldestPending, failures } = await outboxQueue(database.db).status();
  const out = [`outbox: ${['pending', 'sending', 'sent', 'failed'].map((s) => `${s} ${byStatus[s] ?? 0}`).join(', ')}`];
  if (oldestPending) out.push(`oldest pending since ${oldestPending.toISOString()}`);
  for (const f of failures) {
    out.push(`failed #${f.id} to ${f.person_id} via ${f.platform ?? '-'} after ${f.attempts} attempt(s): ${f.last_error ?? ''}`);
  }
  process.stdout.write(`${out.join('\n')}\n`);
});
