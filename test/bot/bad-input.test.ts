import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { identify } from '../../src/core/identity.ts';
import type { Actor } from '../../src/core/ports.ts';
import { translator } from '../../src/i18n/translate.ts';
import type { Database } from '../../src/store/database.ts';
import { refusalView } from '../../src/views/problem-views.ts';
import type { View } from '../../src/views/view.ts';
import { botFixture, type BotFixture } from '../support/bot-fixture.ts';
import { backends } from '../support/test-database.ts';
import { viewText } from '../support/view-text.ts';

/** Every table a command of the bot can write to. */
const TABLES = ['companies', 'contacts', 'leads', 'visits', 'grade_history', 'audit_log'] as const;
type Counts = Record<(typeof TABLES)[number], number>;

async function rowCounts(db: Kysely<Database>): Promise<Counts> {
  const counts = {} as Counts;
  for (const table of TABLES) {
    const { rows } = await sql<{ n: number | string }>`select count(*) as n from ${sql.table(table)}`.execute(db);
    counts[table] = Number(rows[0]?.n);
  }
  return counts;
}

const HAN = /\p{Script=Han}/u;

/** An existing client of zhangsan's, reported before the tests count anything. */
const CLIENT = '上海华信科技有限公司';

describe.each(backends)('bad input on $name', (backend) => {
  let fixture: BotFixture;
  let zhangsan: Actor;
  let fengyi: Actor;

  beforeAll(async () => {
    fixture = await botFixture(backend);
    zhangsan = fixture.as('zhangsan');
    fengyi = fixture.as('fengyi');
    const saved = await fixture.bot.handleText(zhangsan, `/线索 ${CLIENT} 联系人:王经理 电话:13812345678 规模:200人 行业地位:区域龙头`);
    expect(viewText(saved)).toContain('线索已保存');
  });

  afterAll(async () => {
    await fixture?.close();
  });

  /** Runs the request and returns the reply's text, failing the test when any table changed. */
  async function replyStoringNothing(send: () => Promise<View>): Promise<string> {
    const before = await rowCounts(fixture.database.db);
    const reply = viewText(await send());
    expect(await rowCounts(fixture.database.db), `rows changed after a reply of:\n${reply}`).toEqual(before);
    return reply;
  }

  const say = (actor: Actor, text: string) => replyStoringNothing(() => fixture.bot.handleText(actor, text));

  describe('in Chinese, for a salesperson of 华东', () => {
    const cases = [
      {
        what: 'a lead without a company name',
        text: '/lead 联系人:王 电话:13812345678 规模:10人 行业地位:龙头',
        says: ['缺少公司名称'],
      },
      {
        what: 'a company name of 500 characters',
        text: `/lead ${'长'.repeat(500)} 联系人:王 电话:13900000001 规模:10人 行业地位:龙头`,
        says: ['公司名称太长', '500', '100'],
      },
      {
        what: 'a phone number of letters',
        text: '/lead 杭州某某 联系人:王 电话:abc 规模:10人 行业地位:龙头',
        says: ['电话「abc」', '不是有效的电话号码'],
      },
      {
        what: 'an e-mail address without @',
        text: '/lead 杭州某某 联系人:王 邮箱:wang.example.com 规模:10人 行业地位:龙头',
        says: ['邮箱「wang.example.com」', '不是有效的邮箱'],
      },
      {
        what: 'a negative annual purchase',
        text: `/client ${CLIENT} 年采购额:-5`,
        says: ['年采购额', '负数', '-5'],
      },
      {
        what: 'an annual purchase written in words',
        text: `/client ${CLIENT} 年采购额:五块`,
        says: ['年采购额「五块」', '不是有效金额'],
      },
      {
        what: 'an unknown key',
        text: '/lead 杭州某某 联系人:王 电话:13900000002 规模:10人 行业地位:龙头 颜色:红',
        says: ['不认识字段「颜色」', '联系人', '电话'],
      },
      {
        what: 'a message of 10,000 characters',
        text: `/lead ${'杭'.repeat(10_000)} 联系人:王 电话:13900000003 规模:10人 行业地位:龙头`,
        says: ['消息太长', '2000'],
      },
      {
        what: 'an emoji in a company name',
        text: '/lead 🚀火箭科技 联系人:王 电话:13900000004 规模:10人 行业地位:龙头',
        says: ['公司名称', '表情符号'],
      },
      {
        what: 'a control character in a visit note',
        text: `/visit ${CLIENT} 备注:a\u0007b`,
        says: ['控制字符'],
      },
    ];
    for (const { what, text, says } of cases) {
      it(`refuses ${what}, names the problem and stores nothing`, async () => {
        const reply = await say(zhangsan, text);
        for (const words of says) expect(reply).toContain(words);
      });
    }

    it('tells how to write the command after a bad lead', async () => {
      const reply = await say(zhangsan, '/线索 杭州某某 联系人:王 电话:abc 规模:10人 行业地位:龙头');
      expect(reply).toContain('写法：/线索');
    });

    it.each([
      ['/回款 7 金额:abc', '写法：/回款 7 金额:'],
      ['/审批 拒绝 5 原因:', '写法：/审批 拒绝 5 原因:'],
    ])('names the number typed in the example of how to write it, not a made-up one: %s', async (text, how) => {
      const reply = await say(zhangsan, text);
      expect(reply).toContain(how);
    });

    it.each([
      ['a NUL character', 'a\u0000b'],
      ['a bell character', 'a\u0007b'],
    ])('refuses a visit form whose note holds %s, names the problem and stores nothing', async (_what, note) => {
      const reply = await replyStoringNothing(() => fixture.bot.submitForm(zhangsan, 'visit', { company: CLIENT, note }));
      expect(reply).toContain('控制字符');
    });

    it('refuses a lead form with a bad phone, marking the phone field', async () => {
      const reply = await replyStoringNothing(() =>
        fixture.bot.submitForm(zhangsan, 'lead', { company: '杭州某某', contact: '王', phone: 'abc', size: '10人', position: '龙头' }),
      );
      expect(reply).toContain('电话: 电话「abc」不是有效的电话号码');
    });

    it('folds full-width letters in a company name, stores it and shows it back half-width', async () => {
      const before = await rowCounts(fixture.database.db);
      const reply = viewText(await fixture.bot.handleText(zhangsan, '/lead ＡＣＭＥ 联系人:王 电话:13900000005 规模:10人 行业地位:龙头'));
      expect(reply).toContain('「ACME」');
      expect(reply).not.toContain('ＡＣＭＥ');
      const after = await rowCounts(fixture.database.db);
      expect({ companies: after.companies - before.companies, leads: after.leads - before.leads }).toEqual({ companies: 1, leads: 1 });
      const names = await fixture.database.db.selectFrom('companies').select('name').where('name', 'in', ['ACME', 'ＡＣＭＥ']).execute();
      expect(names).toEqual([{ name: 'ACME' }]);
    });

    it('stores text that looks like SQL as plain text, and the companies table survives', async () => {
      const company = "Robert'); DROP TABLE companies;--";
      const before = await rowCounts(fixture.database.db);
      const reply = viewText(
        await fixture.bot.handleText(zhangsan, `/lead ${company} 联系人:王 电话:13900000006 规模:10人 行业地位:龙头`),
      );
      expect(reply).toContain(`「${company}」`);
      const after = await rowCounts(fixture.database.db);
      expect(after.companies).toBe(before.companies + 1);
      const stored = await fixture.database.db.selectFrom('companies').select(['name', 'owner_id']).where('name', '=', company).execute();
      expect(stored).toEqual([{ name: company, owner_id: 'zhangsan' }]);
    });
  });

  describe('from someone not in the directory', () => {
    it('finds a person in the directory by their Slack id', async () => {
      const found = await identify(fixture.deps, 'slack', 'U01ZHANGSAN');
      expect(found).toMatchObject({ id: 'zhangsan' });
    });

    it('refuses an unknown Slack user as not in the directory and stores nothing', async () => {
      const before = await rowCounts(fixture.database.db);
      const found = await identify(fixture.deps, 'slack', 'U0NOBODY999');
      expect(found).toBeNull();
      expect(await rowCounts(fixture.database.db)).toEqual(before);
    });

    it('tells them in Chinese that they are not in the directory', () => {
      const text = viewText(refusalView(translator('zh-CN'), 'not_in_directory', {}));
      expect(text).toContain('不在');
      expect(text).toContain('人员目录');
    });
  });

  describe('in English, for a person whose locale is en', () => {
    it('uses an English-speaking person of the example org', () => {
      expect(fengyi.person.locale).toBe('en');
    });

    const cases = [
      {
        what: 'a lead without a company name',
        text: '/lead contact:Wang phone:13812345678 size:10 position:top',
        says: ['The company name is missing', 'Write it like this: /lead'],
      },
      {
        what: 'a phone number of letters',
        text: '/lead Acme contact:Wang phone:abc size:10 position:top',
        says: ['The phone "abc" is not a phone number'],
      },
      {
        what: 'a negative annual purchase',
        text: `/client ${CLIENT} purchase:-5`,
        says: ['annual purchase cannot be negative'],
      },
      {
        what: 'a message of 10,000 characters',
        text: `/lead ${'A'.repeat(10_000)}`,
        says: ['The message is too long', '2000'],
      },
    ];
    for (const { what, text, says } of cases) {
      it(`refuses ${what} in English, without a Chinese character, and stores nothing`, async () => {
        const reply = await say(fengyi, text);
        for (const words of says) expect(reply).toContain(words);
        expect(reply).not.toMatch(HAN);
      });
    }

    it('names an unknown key in English', async () => {
      const reply = await say(fengyi, '/lead Acme contact:Wang phone:13812345678 size:10 position:top colour:red');
      expect(reply).toContain('Unknown key "colour"');
      expect(reply).toContain('contact/联系人');
    });
  });
});
