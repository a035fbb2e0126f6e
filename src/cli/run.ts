import { ConfigError } from '../config/config-error.ts';
import { readEnv, type Env } from '../config/env.ts';
import { loadEnvFile } from '../config/env-file.ts';
import { openDatabase, type OpenedDatabase } from '../store/connect.ts';
import { migrateToLatest, MigrationError } from '../store/migrate.ts';

/**
 * Runs an operator command on the bot's database (DATABASE_URL, else the
 * PGlite in DATA_DIR), migrated first and closed after. Expected problems end
 * with one line naming what to fix; anything else is a bug, with its stack.
 */
export function runOnDatabase(work: (database: OpenedDatabase, args: string[], env: Env) => Promise<void>): void {
  const run = async () => {
    loadEnvFile();
    const env = readEnv();
    const database = openDatabase({ databaseUrl: env.databaseUrl, dataDir: env.dataDir });
    try {
      await migrateToLatest(database.db);
      await work(database, process.argv.slice(2), env);
    } finally {
      await database.close();
    }
  };
  run().catch(exitWith);
}

/** Ends an operator command: one line for an expected problem, the stack for a bug. */
export function exitWith(error: unknown): never {
  const expected = error instanceof ConfigError || error instanceof MigrationError;
  process.stderr.write(`${expected ? (error as Error).message : error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
}
