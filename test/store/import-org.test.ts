import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { identify } from '../../src/core/identity.ts';
import type { Person } from '../../src/core/people.ts';
import { importOrg } from '../../src/store/import-org.ts';
import { botFixture, type BotFixture } from '../support/bot-fixture.ts';
import { backends } from '../support/test-database.ts';

describe.each(backends)('importing the org directory into $name', (backend) => {
  let f: BotFixture;
  beforeAll(async () => {
    f = await botFixture(backend);
  });
  afterAll(() => f.close());

  it('maps Slack and Feishu ids of the org file to people', async () => {
    const withSlack = f.org.people.find((p) => p.slackId);
    const withFeishu = f.org.people.find((p) => p.feishuId);
    const bySlack = await identify(f.deps, 'slack', withSlack!.slackId!);
    const byFeishu = await identify(f.deps, 'feishu', withFeishu!.feishuId!);
    expect(bySlack?.id).toBe(withSlack!.id);
    expect(byFeishu?.id).toBe(withFeishu!.id);
    expect(await identify(f.deps, 'slack', 'U_STRANGER')).toBeNull();
  });

  it('updates people in place, adds new ones and deactivates those who left the file', async () => {
    const zhangsan = f.person('zhangsan');
    const moved: Person = { ...zhangsan, region: '华南', managerId: 'zhouba', slackId: 'U0NEWSLACK' };
    const newcomer: Person = { ...zhangsan, id: 'xiaoming', name: '小明', slackId: null, feishuId: null };
    const people = [moved, newcomer, ...f.org.people.filter((p) => p.id !== 'zhangsan' && p.id !== 'chener')];
    const summary = await importOrg(f.database.db, { regions: f.org.regions, people });
    expect(summary).toEqual({ added: 1, updated: people.length - 1, deactivated: 1 });

    const row = await f.database.db.selectFrom('people').selectAll().where('id', '=', 'zhangsan').executeTakeFirstOrThrow();
    expect(row).toMatchObject({ region: '华南', manager_id: 'zhouba', slack_id: 'U0NEWSLACK', active: true });
    const gone = await f.database.db.selectFrom('people').select('active').where('id', '=', 'chener').executeTakeFirstOrThrow();
    expect(gone.active).toBe(false);
    expect(await identify(f.deps, 'slack', 'U0NEWSLACK')).toMatchObject({ id: 'zhangsan' });
  });

  it('lets two people swap platform ids in one import', async () => {
    const a = f.person('lisi');
    const b = f.person('zhaoliu');
    const people = f.org.people.map((p) =>
      p.id === a.id ? { ...p, slackId: 'U0SWAP_B' } : p.id === b.id ? { ...p, slackId: 'U0SWAP_A' } : p,
    );
    await importOrg(f.database.db, { regions: f.org.regions, people });
    const swapped = people.map((p) => (p.id === a.id ? { ...p, slackId: 'U0SWAP_A' } : p.id === b.id ? { ...p, slackId: 'U0SWAP_B' } : p));
    await expect(importOrg(f.database.db, { regions: f.org.regions, people: swapped })).resolves.toBeDefined();
    const lisi = await identify(f.deps, 'slack', 'U0SWAP_A');
    expect(lisi?.id).toBe('lisi');
  });
});
