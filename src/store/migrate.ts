import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { type Kysely, type Migration, type MigrationProvider, Migrator } from 'kysely';

export const MIGRATIONS_FOLDER = fileURLToPath(new URL('../../migrations', import.meta.url));

export class MigrationError extends Error {
  override name = 'MigrationError';
}

/**
 * Kysely's FileMigrationProvider imports from inside node_modules, where the
 * test runner does not transform TypeScript; importing from our own module
 * works under tsx and vitest alike.
 */
export const migrationFiles: MigrationProvider = {
  async getMigrations() {
    // TypeScript under tsx and vitest, JavaScript once compiled into dist/ (`npm start`); the names are the same.
    const files = (await readdir(MIGRATIONS_FOLDER)).filter((f) => /^\d{4}_\d{2}_\d{2}_\d{6}_\w+\.[jt]s$/.test(f)).sort();
    const migrations: Record<string, Migration> = {};
    for (const file of files) {
      migrations[file.replace(/\.[jt]s$/, '')] = (await import(pathToFileURL(join(MIGRATIONS_FOLDER, file)).href)) as Migration;
    }
    return migrations;
  },
};

/** Brings the schema up to date; throws one readable error when a step fails. */
export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  const migrator = new Migrator({ db, provider: migrationFiles });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName;
    const reason = error instanceof Error ? error.message : String(error);
    throw new MigrationError(`database migration${failed ? ` ${failed}` : ''} failed: ${reason}`);
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
