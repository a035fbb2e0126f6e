import { ConfigError } from '../config/config-error.ts';
import { readEnv } from '../config/env.ts';
import { loadOrgFile } from '../config/org-file.ts';
import { openDatabase } from '../store/connect.ts';
import { importOrg } from '../store/import-org.ts';
import { migrateToLatest, MigrationError } from '../store/migrate.ts';

/**
 * `npm run org -- import FILE`: loads an org file into the database the bot
 * uses (DATABASE_URL, else the PGlite in DATA_DIR), in place. The embedded
 * database can be open in one process only: stop a console bot first.
 */
async function main([verb, file]: string[]): Promise<void> {
  if (verb !== 'import' || !file) {
    throw new ConfigError('usage: npm run org -- import <org.yaml>');
  }
  const env = readEnv();
  const org = loadOrgFile(file);
  const database = openDatabase({ databaseUrl: env.databaseUrl, dataDir: env.dataDir });
  try {
    await migrateToLatest(database.db);
    const summary = await importOrg(database.db, org);
    process.stdout.write(
      `${file}: ${org.people.length} people in ${org.regions.length} regions; ` +
        `${summary.added} added, ${summary.updated} updated, ${summary.deactivated} deactivated\n`,
    );
  } finally {
    await database.close();
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  const expected = error instanceof ConfigError || error instanceof MigrationError;
  process.stderr.write(`${expected ? (error as Error).message : error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
