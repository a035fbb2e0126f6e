import { ConfigError } from '../config/config-error.ts';
import { isEmbeddedConsole } from '../config/env.ts';
import { resolveDataKeys } from '../crypto/data-key.ts';
import { rotateDataKey, SEALED_TABLES } from '../store/rotate-data-key.ts';
import { exitWith, runOnDatabase } from './run.ts';

/**
 * `npm run keys -- rotate`: re-encrypts every stored contact value and blind
 * index under DATA_KEY (the keys of DATA_KEY_PREVIOUS read the older ones),
 * printing its progress, and says at the end whether DATA_KEY_PREVIOUS may go.
 * Safe beside running bots on PostgreSQL and resumable: stopped, it is run again.
 */
const [verb, ...rest] = process.argv.slice(2);
if (verb !== 'rotate' || rest.length > 0) exitWith(new ConfigError('usage: npm run keys -- rotate'));

runOnDatabase(async (database, _args, env) => {
  const { keyring, generatedAt } = resolveDataKeys({
    dataKey: env.dataKey,
    previousKeys: env.dataKeyPrevious,
    dataDir: env.dataDir,
    embeddedConsole: isEmbeddedConsole(env),
  });
  const say = (line: string): void => void process.stdout.write(`${line}\n`);
  if (generatedAt) say(`keys: no DATA_KEY was set and none was kept; a new one was made at ${generatedAt}`);
  const previous = keyring.ids.slice(1);
  say(
    `keys: re-encrypting under DATA_KEY (key id ${keyring.currentId}); ` +
      (previous.length > 0 ? `DATA_KEY_PREVIOUS reads key id ${previous.join(', ')}` : 'DATA_KEY_PREVIOUS is empty'),
  );
  const outcome = await rotateDataKey(database.db, keyring, {
    onBatch: ({ table, done, total }) => say(`${table}: ${done} of ${total} re-encrypted`),
  });
  say(`keys: ${SEALED_TABLES.map((t) => `${t} ${outcome.rotated[t]}`).join(', ')} re-encrypted by this run`);
  if (outcome.left.length === 0) {
    say(`keys: every row is under key id ${outcome.currentId}; 0 left under a previous key`);
    say(
      previous.length > 0
        ? 'keys: DATA_KEY_PREVIOUS may be removed once every running bot has DATA_KEY set to this key (keep the old key with the backups made before today)'
        : 'keys: nothing to rotate from; DATA_KEY_PREVIOUS is not needed',
    );
    return;
  }
  const left = outcome.left.map((l) => `${l.table} ${l.rows} under ${l.keyId}`).join(', ');
  const total = outcome.left.reduce((n, l) => n + l.rows, 0);
  say(`keys: ${total} left under a previous key (${left}), written meanwhile by a bot with an older DATA_KEY`);
  say('keys: keep DATA_KEY_PREVIOUS; give every bot the new DATA_KEY, then run npm run keys -- rotate again');
  process.exitCode = 2;
});
