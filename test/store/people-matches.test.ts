import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseOrgFile, type OrgFile } from '../../src/config/org-file.ts';
import { lookUpContacts, type ContactAnswer } from '../../src/core/directory/match-people.ts';
import { identify } from '../../src/core/identity.ts';
import { importOrgMatched } from '../../src/store/import-org-matched.ts';
import { botFixture, type BotFixture } from '../support/bot-fixture.ts';
import { backends } from '../support/test-database.ts';

const orgOf = (people: string): OrgFile => parseOrgFile(`regions: [华东]\npeople:\n${people}`, 'org.yaml');
const ORG = orgOf(
  [
    '  - {id: wangwu, name: 王五, role: department_manager, region: 华东, slack: U0WANGWU, email: wangwu@example.com}',
    '  - {id: zhangsan, name: 张三, role: sales, region: 华东, manager: wangwu, email: ZhangSan@Example.com}',
    '  - {id: lisi, name: 李四, role: sales, region: 华东, manager: wangwu, mobile: 138 1234 5678}',
    '  - {id: zhaoliu, name: 赵六, role: sales, region: 华东, manager: wangwu, email: zhaoliu@example.com}',
  ].join('\n'),
);
const answer = (byEmail: Record<string, string>, byMobile: Record<string, string> = {}): ContactAnswer => ({
  byEmail: new Map(Object.entries(byEmail)),
  byMobile: new Map(Object.entries(byMobile)),
});
const NOW = new Date('2026-12-02T10:00:00Z');

describe.each(backends)('people matched by e-mail or mobile, on $name', (backend) => {
  let f: BotFixture;
  beforeAll(async () => {
    f = await botFixture(backend, { org: ORG });
  });
  afterAll(() => f.close());
  const importWith = (org: OrgFile, lookups: Parameters<typeof importOrgMatched>[4]) => importOrgMatched(f.database.db, f.keyring, org, ['slack', 'feishu'], lookups, NOW);
  const whoIs = async (platform: 'slack' | 'feishu', id: string) => (await identify(f.deps, platform, id))?.id ?? null;

  it('gives the platforms’ answers to people without ids, keeps the file’s ids, and reports the rest', async () => {
    const { outcome } = await importWith(ORG, {
      // The file's id wins: Slack's answer for wangwu's address is not asked about and not used.
      slack: answer({ 'zhangsan@example.com': 'U0ZHANG', 'wangwu@example.com': 'U0OTHER' }),
      feishu: answer({ 'zhangsan@example.com': 'ou_zhang' }, { '+8613812345678': 'ou_lisi' }),
    });
    expect(await whoIs('slack', 'U0ZHANG')).toBe('zhangsan');
    expect(await whoIs('slack', 'U0WANGWU')).toBe('wangwu');
    expect(await whoIs('slack', 'U0OTHER')).toBeNull();
    expect(await whoIs('feishu', 'ou_zhang')).toBe('zhangsan');
    expect(await whoIs('feishu', 'ou_lisi')).toBe('lisi');
    expect(outcome.unmatched.map((u) => `${u.personId}@${u.platform}:${u.reason}`).sort()).toEqual([
      'lisi@slack:not_found',
      'wangwu@feishu:not_found',
      'zhaoliu@feishu:not_found',
      'zhaoliu@slack:not_found',
    ]);
  });

  it('keeps the remembered matches through a restart and a platform that cannot be asked, without storing the addresses', async () => {
    await importWith(ORG, {}); // a start: nobody asked yet
    expect(await whoIs('slack', 'U0ZHANG')).toBe('zhangsan');
    const { outcome } = await importWith(ORG, { slack: 'failed', feishu: 'failed' });
    expect(await whoIs('feishu', 'ou_lisi')).toBe('lisi');
    expect(outcome.fromCache).toHaveLength(3);
    expect(outcome.unmatched.find((u) => u.personId === 'zhaoliu')?.reason).toBe('platform_failed');
    const stored = JSON.stringify(await f.database.db.selectFrom('people_matches').selectAll().execute());
    expect(stored).not.toMatch(/example\.com|13812345678/);
  });

  it('never matches a changed address with the old answer, and forgets a user the platform no longer knows', async () => {
    const changed = orgOf(
      [
        '  - {id: wangwu, name: 王五, role: department_manager, region: 华东, slack: U0WANGWU}',
        '  - {id: zhangsan, name: 张三, role: sales, region: 华东, manager: wangwu, email: zhang.san@example.com}',
        '  - {id: lisi, name: 李四, role: sales, region: 华东, manager: wangwu, mobile: 138 1234 5678}',
      ].join('\n'),
    );
    await importWith(changed, { slack: 'failed', feishu: answer({}) });
    expect(await whoIs('slack', 'U0ZHANG')).toBeNull();
    expect(await whoIs('feishu', 'ou_lisi')).toBeNull();
    // Feishu said it does not know lisi's number: the remembered match is gone for good.
    await importWith(changed, { feishu: 'failed' });
    expect(await whoIs('feishu', 'ou_lisi')).toBeNull();
  });

  it('does not give one platform user to two people', async () => {
    const { outcome } = await importWith(ORG, { slack: answer({ 'zhangsan@example.com': 'U0WANGWU' }) });
    expect(outcome.unmatched).toContainEqual({ personId: 'zhangsan', platform: 'slack', reason: 'taken', takenBy: 'wangwu' });
    expect(await whoIs('slack', 'U0WANGWU')).toBe('wangwu');
  });

  it('counts a platform that does not answer in time as failed, and the start goes on', async () => {
    const failures: string[] = [];
    const lookups = await lookUpContacts(ORG.people, ORG.contacts ?? [], { slack: () => new Promise(() => undefined), feishu: async () => answer({}) }, 50, (p) => failures.push(p));
    expect(lookups.slack).toBe('failed');
    expect(failures).toEqual(['slack']);
  });
});
