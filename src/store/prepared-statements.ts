import { createHash } from 'node:crypto';
import type { PostgresPool, PostgresPoolClient } from 'kysely';
import type pg from 'pg';

/**
 * Gives every data statement a name derived from its text, so that
 * PostgreSQL parses and plans it once per connection and then only binds
 * and runs it. Our statements come from a few dozen query builders, so the
 * texts repeat; planning the lead's one statement cost about as much as
 * running it. Texts beyond `perConnection` distinct ones on a connection
 * (an IN list of a new length, say) run unnamed, so a connection never
 * holds an unbounded number of prepared statements.
 */
export function preparedStatements(pool: pg.Pool, perConnection = 300): PostgresPool {
  return {
    async connect(): Promise<PostgresPoolClient> {
      const client = await pool.connect();
      const { prepared, stale } = preparedOn(client);
      watchForFaults(client);
      return {
        query: ((text: unknown, values?: readonly unknown[]) => {
          if (typeof text !== 'string' || !DATA_STATEMENT.test(text)) return client.query(text as string, values as unknown[]);
          const name = nameOf(text);
          if (stale.has(name) || (!prepared.has(name) && prepared.size >= perConnection)) return client.query(text, values as unknown[]);
          prepared.add(name);
          return client.query({ name, text, values: values as unknown[] }).catch((error: unknown) => {
            // A newer release migrated a table under this running one: the
            // statement prepared here returns the old row shape. From now on it
            // runs unnamed on this connection; outside a transaction, at once.
            if (!isStalePlan(error)) throw error;
            stale.add(name);
            return client.query(text, values as unknown[]);
          });
        }) as unknown as PostgresPoolClient['query'],
        // A connection that broke while checked out is closed, not handed to the next query.
        release: (destroy) => client.release(destroy || broken.has(client) || undefined),
      };
    },
    end: () => pool.end(),
  };
}

/** Only statements that read or write rows: DDL and transaction control stay unnamed. */
const DATA_STATEMENT = /^\s*(select|insert|update|delete|with)\b/i;

const names = new Map<string, string>();
function nameOf(text: string): string {
  let name = names.get(text);
  if (!name) {
    name = `s_${createHash('sha1').update(text).digest('base64url').slice(0, 22)}`;
    // Texts are few; the bound only guards against a caller building unbounded variants.
    if (names.size < 5000) names.set(text, name);
  }
  return name;
}

/** The names prepared on one connection, and those it must no longer use, kept with the connection. */
const preparedByClient = new WeakMap<pg.PoolClient, { prepared: Set<string>; stale: Set<string> }>();
function preparedOn(client: pg.PoolClient) {
  let sets = preparedByClient.get(client);
  if (!sets) preparedByClient.set(client, (sets = { prepared: new Set(), stale: new Set() }));
  return sets;
}

/**
 * The pool listens for errors only on idle connections. One that breaks while
 * a statement is on the wire (the server restarted, the network cut) emits
 * 'error' on the client, and an 'error' without a listener ends the process.
 * The statement itself fails with the same fault, which the caller reports.
 */
const watched = new WeakSet<pg.PoolClient>();
const broken = new WeakSet<pg.PoolClient>();
function watchForFaults(client: pg.PoolClient): void {
  if (watched.has(client)) return;
  watched.add(client);
  client.on('error', () => broken.add(client));
}

/** PostgreSQL's refusal to run a prepared statement whose result columns changed since it was prepared. */
const isStalePlan = (error: unknown): boolean =>
  (error as { code?: string }).code === '0A000' && /cached plan must not change result type/.test(String((error as Error).message));
