import { ConfigError } from '../config/config-error.ts';
import { loadOrgFile, type OrgFile } from '../config/org-file.ts';
import { importOrg } from '../store/import-org.ts';
import { exitWith, runOnDatabase } from './run.ts';

/**
 * `npm run org -- import FILE`: loads an org file into the database the bot
 * uses, in place. The file is checked before the database is opened. The
 * embedded database can be open in one process only: stop a console bot first.
 */
const [verb, file] = process.argv.slice(2);
let org: OrgFile | undefined;
try {
  if (verb !== 'import' || !file) throw new ConfigError('usage: npm run org -- import <org.yaml>');
  org = loadOrgFile(file);
} catch (error) {
  exitWith(error);
}

runOnDatabase(async (database) => {
  const directory = org as OrgFile;
  const summary = await importOrg(database.db, directory);
  process.stdout.write(
    `${file}: ${directory.people.length} people in ${directory.regions.length} regions; ` +
      `${summary.added} added, ${summary.updated} updated, ${summary.deactivated} deactivated\n`,
  );
});
