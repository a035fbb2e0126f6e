import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { botFixture, type BotFixture } from '../support/bot-fixture.ts';
import { backends } from '../support/test-database.ts';

describe.each(backends)('the audit log on $name', (backend) => {
  let f: BotFixture;
  beforeAll(async () => {
    f = await botFixture(backend);
    await f.deps.store.transaction(async (tx) => {
      await tx.audit.record({ at: new Date(), actorId: 'lisi', action: 'contact.view', subjectType: 'company', subjectId: '1', platform: 'console' });
      return { ok: true, value: null };
    });
  });
  afterAll(() => f.close());

  it('keeps who did what, when and from which platform', async () => {
    const row = await f.database.db.selectFrom('audit_log').selectAll().executeTakeFirstOrThrow();
    expect(row).toMatchObject({ actor_id: 'lisi', action: 'contact.view', platform: 'console', subject_id: '1' });
  });

  it('refuses to change an entry', async () => {
    await expect(f.database.db.updateTable('audit_log').set({ actor_id: 'someone' }).execute()).rejects.toThrow(/append-only/);
  });

  it('refuses to delete or truncate entries', async () => {
    await expect(f.database.db.deleteFrom('audit_log').execute()).rejects.toThrow(/append-only/);
    await expect(sql`truncate audit_log`.execute(f.database.db)).rejects.toThrow(/append-only/);
    const rows = await f.database.db.selectFrom('audit_log').select('id').execute();
    expect(rows).toHaveLength(1);
  });
});
