import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect } from 'kysely';
import { PGliteDialect } from 'kysely-pglite-dialect';
import pg from 'pg';
import type { Database } from './database.ts';
import { holdDataFolder } from './data-folder-lock.ts';
import { preparedStatements } from './prepared-statements.ts';

// Type OIDs whose default parsing differs between pg and PGlite. We want one
// shape everywhere: int8 as a JS number (our values stay far below 2^53:
// money in fen, ids) and date as the plain 'YYYY-MM-DD' text, never a Date
// shifted into the server's zone.
const INT8 = 20;
const DATE = 1082;
const parseInt8 = (v: string): number => Number(v);
const keepText = (v: string): string => v;

export interface OpenedDatabase {
  db: Kysely<Database>;
  kind: 'postgres' | 'pglite';
  close(): Promise<void>;
  /** The pg pool's connections (PostgreSQL only: PGlite has one, in the process). */
  pool?(): { total: number; idle: number; waiting: number };
}

export interface DatabaseTarget {
  /** A PostgreSQL URL; without it the embedded PGlite is used. */
  databaseUrl?: string | undefined;
  /** Folder for PGlite; `memory://` for a throw-away database. */
  dataDir: string;
}

export function openDatabase(target: DatabaseTarget): OpenedDatabase {
  if (target.databaseUrl) {
    const pool = new pg.Pool({
      connectionString: target.databaseUrl,
      max: 20,
      // A server that drops packets must not hang a command: fail, answer, roll back.
      connectionTimeoutMillis: 5000,
      statement_timeout: 15_000,
      types: {
        getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
          if (oid === INT8) return parseInt8;
          if (oid === DATE) return keepText;
          return pg.types.getTypeParser(oid, format as 'text');
        }) as typeof pg.types.getTypeParser,
      },
    });
    // An idle client losing its server must not crash the process; the next
    // query reports the fault instead.
    pool.on('error', () => undefined);
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: preparedStatements(pool) }) });
    return { db, kind: 'postgres', close: () => db.destroy(), pool: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }) };
  }
  const inMemory = target.dataDir === 'memory://';
  const location = inMemory ? 'memory://' : pgliteFolder(target.dataDir);
  // One process at a time in a data folder: a second one is refused here, before PGlite touches a page.
  const release = inMemory ? () => undefined : holdDataFolder(resolve(target.dataDir));
  const pglite = new PGlite(location, { parsers: { [INT8]: parseInt8, [DATE]: keepText } });
  const db = new Kysely<Database>({ dialect: new PGliteDialect(pglite) });
  return {
    db,
    kind: 'pglite',
    close: async () => {
      try {
        await db.destroy();
        if (!pglite.closed) await pglite.close();
      } finally {
        release();
      }
    },
  };
}

function pgliteFolder(dataDir: string): string {
  const folder = resolve(dataDir, 'pglite');
  // `new PGlite(dir)` makes its own folder, not the folders above it.
  mkdirSync(resolve(dataDir), { recursive: true });
  return folder;
}
