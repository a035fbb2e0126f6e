import { matchAndImport, platformsOf } from '../compose.ts';
import { ConfigError } from '../config/config-error.ts';
import { isEmbeddedConsole } from '../config/env.ts';
import { loadOrgFile, type OrgFile } from '../config/org-file.ts';
import { describeUnmatched } from '../core/directory/match-people.ts';
import { resolveDataKeys } from '../crypto/data-key.ts';
import { peopleResolversFor } from '../platforms.ts';
import { exitWith, runOnDatabase } from './run.ts';

/**
 * `npm run org -- import FILE`: loads an org file into the database the bot
 * uses, in place. The file is checked before the database is opened. The
 * embedded database can be open in one process only: stop a console bot first.
 * People given by e-mail or mobile are looked up on the configured platforms
 * first; who could not be matched is printed (they are strangers to the bot
 * until they are), and a platform that cannot be asked keeps its remembered matches.
 */
const [verb, file] = process.argv.slice(2);
let org: OrgFile | undefined;
try {
  if (verb !== 'import' || !file) throw new ConfigError('usage: npm run org -- import <org.yaml>');
  org = loadOrgFile(file);
} catch (error) {
  exitWith(error);
}

runOnDatabase(async (database, _args, env) => {
  const directory = org as OrgFile;
  const keys = resolveDataKeys({ dataKey: env.dataKey, previousKeys: env.dataKeyPrevious, dataDir: env.dataDir, embeddedConsole: isEmbeddedConsole(env) });
  const failed: string[] = [];
  const { summary, outcome } = await matchAndImport(database.db, keys.keyring, directory, platformsOf(env), new Date(), await peopleResolversFor(env), (platform, error) =>
    failed.push(`${platform}: could not look people up (${error instanceof Error ? error.message : String(error)}); remembered matches kept`),
  );
  process.stdout.write(
    `${file}: ${directory.people.length} people in ${directory.regions.length} regions; ` +
      `${summary.added} added, ${summary.updated} updated, ${summary.deactivated} deactivated\n`,
  );
  if (outcome.matched.length || outcome.fromCache.length) {
    process.stdout.write(`matched by email or mobile: ${outcome.matched.length} now, ${outcome.fromCache.length} remembered\n`);
  }
  for (const line of failed) process.stdout.write(`${line}\n`);
  for (const unmatched of outcome.unmatched) process.stdout.write(`not matched: ${describeUnmatched(unmatched)}\n`);
});
