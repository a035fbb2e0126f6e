import { linkSync, readFileSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError } from '../config/config-error.ts';

/**
 * PGlite is PostgreSQL compiled to run inside one process: it has no server
 * that could arbitrate between two processes, so two processes opening one
 * data folder overwrite each other's pages. One process holds the folder at a
 * time; this file says which, so that any other is refused at once.
 *
 * A holder killed with SIGKILL leaves its file behind; the next process sees
 * that the process it names is gone and takes the folder over. Taking over a
 * stale file is done under a second, short-lived file, so two processes that
 * both find it stale cannot both win.
 */
export interface DataFolderHolder {
  pid: number;
  /** What the holder is, as an operator typed it (`npm start`, `npm run job`). */
  command: string;
  since: string;
  /** The holder's start time in clock ticks since boot (Linux), so a reused pid is not taken for the holder. */
  startTicks: string | null;
}

const LOCK_FILE = 'pglite.lock';
const TAKEOVER_FILE = 'pglite.lock.takeover';
/** A takeover file older than this was left by a process that died in the middle of one. */
const TAKEOVER_STALE_MS = 10_000;

export class DataFolderBusyError extends ConfigError {
  override name = 'DataFolderBusyError';
  constructor(
    readonly dataDir: string,
    readonly holder: DataFolderHolder,
  ) {
    super(
      `DATA_DIR: ${dataDir} is in use by another process (pid ${holder.pid}, ${holder.command}, since ${holder.since}); ` +
        'the embedded database serves one process at a time: stop that process first, ' +
        'or run every process on one PostgreSQL server with DATABASE_URL',
    );
  }
}

/**
 * Holds `dataDir` for this process, or throws DataFolderBusyError naming the
 * process that holds it. Returns the release, which is also run when the
 * process exits normally.
 */
export function holdDataFolder(dataDir: string, command = describeThisProcess()): () => void {
  const lockPath = join(dataDir, LOCK_FILE);
  const me: DataFolderHolder = { pid: process.pid, command, since: new Date().toISOString(), startTicks: startTicksOf(process.pid) };
  for (let attempt = 0; attempt < 50; attempt++) {
    if (createExclusive(lockPath, JSON.stringify(me))) return releaser(lockPath, me);
    const holder = readHolder(lockPath);
    if (holder && isAlive(holder)) throw new DataFolderBusyError(dataDir, holder);
    takeOverStale(dataDir, lockPath, holder);
  }
  throw new ConfigError(`DATA_DIR: could not take ${lockPath} over from a process that is gone; remove the file by hand if no bot runs`);
}

function releaser(lockPath: string, me: DataFolderHolder): () => void {
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    process.off('exit', release);
    // Only our own file: never remove one another process wrote after taking a stale lock over.
    const holder = readHolder(lockPath);
    if (holder?.pid === me.pid && holder.since === me.since) unlinkQuietly(lockPath);
  };
  process.on('exit', release);
  return release;
}

/** Removes a lock whose holder is gone, under the takeover file; returns to let the caller try again either way. */
function takeOverStale(dataDir: string, lockPath: string, seen: DataFolderHolder | null): void {
  const takeoverPath = join(dataDir, TAKEOVER_FILE);
  if (!createExclusive(takeoverPath, String(process.pid))) {
    // Someone else is taking over: give them a moment; a takeover file left by a dead process expires.
    if (ageMs(takeoverPath) > TAKEOVER_STALE_MS) unlinkQuietly(takeoverPath);
    sleepMs(20);
    return;
  }
  try {
    // Still the same dead holder (nobody took over while we waited for the takeover file)?
    const now = readHolder(lockPath);
    if (now === null ? seen === null : seen !== null && now.pid === seen.pid && now.since === seen.since) unlinkQuietly(lockPath);
  } finally {
    unlinkQuietly(takeoverPath);
  }
}

function isAlive(holder: DataFolderHolder): boolean {
  // A container restarts its bot with the same pid: a file naming us was left by our predecessor.
  if (holder.pid === process.pid) return false;
  try {
    process.kill(holder.pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  const ticks = startTicksOf(holder.pid);
  return holder.startTicks === null || ticks === null || ticks === holder.startTicks;
}

/**
 * Creates `path` with `content` only if it does not exist. The content is
 * written to a file of our own first and then linked into place, so nobody
 * ever reads a lock file half-written.
 */
function createExclusive(path: string, content: string): boolean {
  const draft = `${path}.${process.pid}.${Date.now()}`;
  writeFileSync(draft, content, { mode: 0o600 });
  try {
    linkSync(draft, path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    unlinkQuietly(draft);
  }
}

/** The holder a lock file names; null for a file that is gone or unreadable. */
function readHolder(path: string): DataFolderHolder | null {
  try {
    const parsed = JSON.parse(readFileSync(path, 'utf8')) as Partial<DataFolderHolder>;
    if (typeof parsed.pid !== 'number') return null;
    return { pid: parsed.pid, command: String(parsed.command ?? '?'), since: String(parsed.since ?? '?'), startTicks: parsed.startTicks ?? null };
  } catch {
    return null;
  }
}

/** Field 22 of /proc/<pid>/stat: when the process started; null off Linux or for a process that is gone. */
function startTicksOf(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) is in parentheses and may hold spaces: count from after its closing one.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null;
  } catch {
    return null;
  }
}

function describeThisProcess(): string {
  const script = process.env.npm_lifecycle_event;
  if (script) return script === 'start' || script === 'test' ? `npm ${script}` : `npm run ${script}`;
  return `node ${process.argv.slice(1).join(' ')}`.trim();
}

function ageMs(path: string): number {
  try {
    return Date.now() - statSync(path).mtimeMs;
  } catch {
    return 0;
  }
}

function unlinkQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}

function sleepMs(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}
