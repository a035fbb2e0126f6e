import { holdDataFolder } from '../../src/store/data-folder-lock.ts';

/**
 * A process that tries to hold DATA_DIR, as the bot does at start: prints
 * `held` and keeps the folder until its stdin ends, or prints `busy` and the
 * refusal. The data-folder fault tests race several of these.
 */
try {
  const release = holdDataFolder(process.env.DATA_DIR!, 'hold-data-folder');
  process.stdout.write('held\n');
  process.stdin.resume();
  process.stdin.on('end', () => {
    release();
    process.exit(0);
  });
} catch (error) {
  process.stdout.write(`busy ${(error as Error).message}\n`);
  process.exit(3);
}
