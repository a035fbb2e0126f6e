import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenedDatabase } from '../../src/store/connect.ts';
import { postgresBackend, TEST_DATABASE_URL } from '../support/test-database.ts';

/**
 * Statements are prepared once per connection (src/store/prepared-statements.ts).
 * A newer release may migrate a table under a running bot; the statements it
 * prepared must keep working with the new row shape.
 */
describe.runIf(TEST_DATABASE_URL)('prepared statements on PostgreSQL', () => {
  let database: OpenedDatabase;
  beforeAll(async () => {
    database = await postgresBackend(TEST_DATABASE_URL!).open();
    await sql`create table shapes (id integer primary key)`.execute(database.db);
    await sql`insert into shapes values (1)`.execute(database.db);
  });
  afterAll(() => database.close());

  it('reads a table again after a column was added to it since the statement was prepared', async () => {
    const read = () => sql<Record<string, unknown>>`select * from shapes where id = ${1}`.execute(database.db);
    // Enough reads to prepare the statement on every connection the pool lends.
    for (let i = 0; i < 25; i++) await read();
    await sql`alter table shapes add column label text default 'new'`.execute(database.db);
    for (let i = 0; i < 25; i++) expect((await read()).rows[0]).toEqual({ id: 1, label: 'new' });
  });
});
