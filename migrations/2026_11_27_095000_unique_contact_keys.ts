import { type Kysely, sql } from 'kysely';

// LEAD-2 by contact: a phone or e-mail belongs to one client. The lead's
// statement checks first; these keys decide the race of two reports of
// different companies with one phone, which the check alone lets through.
export async function up(db: Kysely<any>): Promise<void> {
  for (const column of ['phone_bidx', 'email_bidx']) {
    await db.schema.dropIndex(`contacts_${column}_idx`).execute();
    await db.schema
      .createIndex(`contacts_${column}_key`)
      .on('contacts')
      .column(column)
      .unique()
      .where(sql.ref(column), 'is not', null)
      .execute();
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const column of ['phone_bidx', 'email_bidx']) {
    await db.schema.dropIndex(`contacts_${column}_key`).execute();
    await db.schema.createIndex(`contacts_${column}_idx`).on('contacts').column(column).execute();
  }
}
