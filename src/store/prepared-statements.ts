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
      const prepared = preparedOn(client);
      return {
        query: ((text: unknown, values?: readonly unknown[]) => {
          if (typeof text !== 'string' || !DATA_STATEMENT.test(text)) return client.query(text as string, values as unknown[]);
          const name = nameOf(text);
          if (!prepared.has(name) && prepared.size >= perConnection) return client.query(text, values as unknown[]);
          prepared.add(name);
          return client.query({ name, text, values: values as unknown[] });
        }) as unknown as PostgresPoolClient['query'],
        release: (destroy) => client.release(destroy),
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

/** The names prepared on one connection, kept with the connection. */
const preparedByClient = new WeakMap<pg.PoolClient, Set<string>>();
function preparedOn(client: pg.PoolClient): Set<string> {
  let set = preparedByClient.get(client);
  if (!set) preparedByClient.set(client, (set = new Set()));
  return set;
}
