import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { listLeads } from '../../src/core/leads/list-leads.ts';
import { reportLead, type ReportLeadCommand } from '../../src/core/leads/report-lead.ts';
import { sealContact } from '../../src/store/contact-columns.ts';
import { botFixture, type BotFixture } from '../support/bot-fixture.ts';
import { backends } from '../support/test-database.ts';
import { creditCodeCheckChar } from '../../src/grammar/values/credit-code.ts';

/** A checksum-valid credit code from its first 17 characters. */
const code = (prefix17: string) => `${prefix17}${creditCodeCheckChar(prefix17)}`;

const lead = (company: string, extra: Partial<ReportLeadCommand> = {}): ReportLeadCommand => ({
  company,
  contactName: '王经理',
  phone: `+86138${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`,
  email: null,
  size: '200人',
  position: '区域龙头',
  region: null,
  creditCode: null,
  source: '企查查',
  ...extra,
});

describe.each(backends)('reporting leads on $name', (backend) => {
  let f: BotFixture;
  beforeAll(async () => {
    f = await botFixture(backend);
  });
  // A test that moves the clock moves it for itself only, even when it fails half-way.
  beforeEach(() => f.clock.set('2026-11-26T10:00:00+08:00'));
  afterAll(() => f.close());

  it('saves a lead, makes the reporter its owner and counts it towards today', async () => {
    f.clock.set('2026-11-23T10:00:00+08:00'); // Monday, a day of its own
    const result = await reportLead(f.deps, f.as('zhangsan'), lead('杭州云栖数据有限公司'));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.company.region).toBe('华东');
    expect(result.value.progress).toMatchObject({ date: '2026-11-23', count: 1, target: 5, workingDay: true });
    const row = await f.database.db.selectFrom('companies').selectAll().where('id', '=', result.value.company.id).executeTakeFirstOrThrow();
    expect(row.owner_id).toBe('zhangsan');
    expect(row.norm_name).toBe('杭州云栖数据');
  });

  it('celebrates the report that reaches the target, and only that one', async () => {
    f.clock.set('2026-11-24T10:00:00+08:00'); // Tuesday, a day of its own
    const first = await reportLead(f.deps, f.as('zhangsan'), lead('苏州工业首家'));
    expect(first.ok && first.value.progress.count).toBe(1);
    const reached: boolean[] = [];
    for (const name of ['苏州工业甲', '苏州工业乙', '苏州工业丙', '苏州工业丁', '苏州工业戊']) {
      const r = await reportLead(f.deps, f.as('zhangsan'), lead(name));
      if (!r.ok) throw new Error(r.code);
      reached.push(r.value.targetReached);
    }
    // The day's first lead came before them: the 4th here is the 5th of the day.
    expect(reached).toEqual([false, false, false, true, false]);
  });

  it('refuses a second report of an owned company under another spelling, naming owner and region only', async () => {
    await reportLead(f.deps, f.as('zhangsan'), lead('宁波港航物流股份有限公司', { phone: '+8613900001111', email: 'boss@ningbo.example' }));
    const again = await reportLead(f.deps, f.as('zhaoliu'), lead('宁波 港航物流'));
    expect(again).toEqual({
      ok: false,
      code: 'company_owned',
      details: { company: '宁波港航物流股份有限公司', owner: '张三', region: '华东' },
    });
    expect(JSON.stringify(again)).not.toMatch(/13900001111|boss@|王经理/);
  });

  it('treats the credit code as the stronger key', async () => {
    await reportLead(f.deps, f.as('zhangsan'), lead('温州电器一厂', { creditCode: '91310000MA1FL0000N' }));
    const renamed = await reportLead(f.deps, f.as('zhaoliu'), lead('温州一厂电器新名称', { creditCode: '91310000MA1FL0000N' }));
    expect(renamed.ok ? null : renamed.code).toBe('company_owned');
  });

  it('refuses the same name under another credit code as a likely duplicate, naming the owner, where it used to accept it', async () => {
    await reportLead(f.deps, f.as('zhangsan'), lead('华信科技有限公司', { creditCode: '91350100M000100Y43', phone: '+8613600003333' }));
    const otherCode = await reportLead(f.deps, f.as('zhaoliu'), lead('华信科技', { creditCode: code('91310000MA1FL8LQ2') }));
    expect(otherCode).toMatchObject({
      ok: false,
      code: 'company_likely_duplicate',
      details: { company: '华信科技有限公司', code: '91350100M000100Y43', owner: '张三', region: '华东' },
    });
    expect(JSON.stringify(otherCode)).not.toMatch(/13600003333|王经理/);
    const stored = await f.database.db.selectFrom('companies').select('owner_id').where('norm_name', '=', '华信科技').execute();
    expect(stored).toEqual([{ owner_id: 'zhangsan' }]);
    const noCode = await reportLead(f.deps, f.as('zhaoliu'), lead('华信科技股份有限公司'));
    expect(noCode.ok ? null : noCode.code).toBe('company_owned');
  });

  it('refuses a lead whose phone or e-mail is already recorded for another company', async () => {
    await reportLead(f.deps, f.as('zhangsan'), lead('嘉兴纺织', { phone: '+8613700002222', email: 'li@jiaxing.example' }));
    const samePhone = await reportLead(f.deps, f.as('zhaoliu'), lead('嘉兴纺织二号', { phone: '+8613700002222' }));
    const sameEmail = await reportLead(f.deps, f.as('zhaoliu'), lead('嘉兴纺织三号', { phone: null, email: 'li@jiaxing.example' }));
    expect(samePhone.ok ? null : samePhone.code).toBe('contact_owned');
    expect(sameEmail.ok ? null : sameEmail.details).toMatchObject({ owner: '张三' });
  });

  it('names only the owner when a phone is already recorded, never the client that holds it nor its region (SEC-1)', async () => {
    await reportLead(f.deps, f.as('zhangsan'), lead('舟山海运', { phone: '+8613700004444' }));
    const refused = await reportLead(f.deps, f.as('zhouba'), lead('舟山海运二号', { phone: '+8613700004444', region: '华南' }));
    expect(refused).toEqual({ ok: false, code: 'contact_owned', details: { owner: '张三' } });
    const { translator } = await import('../../src/i18n/translate.ts');
    const { refusalView } = await import('../../src/views/problem-views.ts');
    for (const locale of ['zh-CN', 'en'] as const) {
      const text = JSON.stringify(refused.ok ? null : refusalView(translator(locale), refused.code, refused.details));
      expect(text).toContain('张三');
      expect(text).not.toMatch(/舟山海运|华东|13700004444/);
    }
  });

  it('refuses a claim in another region and names that region\'s manager (LEAD-3)', async () => {
    const result = await reportLead(f.deps, f.as('zhangsan'), lead('广州白云制药', { region: '华南' }));
    expect(result).toEqual({ ok: false, code: 'wrong_region', details: { region: '华南', manager: '周八' } });
    const stored = await f.database.db.selectFrom('companies').select('id').where('name', '=', '广州白云制药').execute();
    expect(stored).toEqual([]);
  });

  it('lets the department manager record a lead for any region', async () => {
    const result = await reportLead(f.deps, f.as('wangwu'), lead('深圳前海科技', { region: '华南' }));
    expect(result.ok && result.value.company.region).toBe('华南');
  });

  it('refuses an unknown region, listing the regions', async () => {
    const result = await reportLead(f.deps, f.as('zhangsan'), lead('西藏高原', { region: '西南' }));
    expect(result.ok ? null : result.details).toEqual({ region: '西南', regions: '华东, 华北, 华南' });
  });

  it('refuses roles that do not own clients, such as partners and legal', async () => {
    for (const id of ['xxads', 'luming']) {
      const result = await reportLead(f.deps, f.as(id), lead(`不应保存${id}`));
      expect(result.ok ? null : result.code).toBe('not_allowed');
    }
  });

  it('refuses a company name longer than the policy allows', async () => {
    const result = await reportLead(f.deps, f.as('zhangsan'), lead('长'.repeat(101)));
    expect(result).toEqual({ ok: false, code: 'company_too_long', details: { max: 100, length: 101 } });
  });

  it('celebrates the target exactly once when the fourth and fifth leads land together', async () => {
    f.clock.set('2026-11-27T10:00:00+08:00'); // Friday, a day of its own
    for (const name of ['并发庆祝一', '并发庆祝二', '并发庆祝三']) await reportLead(f.deps, f.as('zhaoliu'), lead(name));
    const results = await Promise.all(['并发庆祝四', '并发庆祝五'].map((n) => reportLead(f.deps, f.as('zhaoliu'), lead(n))));
    expect(results.filter((r) => r.ok && r.value.targetReached)).toHaveLength(1);
  });

  it('keeps exactly one owner when two people report the same company at once', async () => {
    const results = await Promise.all([
      reportLead(f.deps, f.as('zhangsan'), lead('并发测试有限公司')),
      reportLead(f.deps, f.as('zhaoliu'), lead('并发测试')),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok).map((r) => !r.ok && r.code)).toEqual(['company_owned']);
    const owners = await f.database.db.selectFrom('companies').select('owner_id').where('norm_name', '=', '并发测试').execute();
    expect(owners).toHaveLength(1);
  });

  // The other report is held open mid-write: ours passes the check, then meets the phone's key.
  it.runIf(backend.name === 'postgres')('refuses a phone that another report is writing at the same moment, and writes nothing', async () => {
    const phone = '+8613566667777';
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const other = f.database.db.transaction().execute(async (trx) => {
      const company = await trx
        .insertInto('companies')
        .values({ name: '同号并发甲', norm_name: '同号并发甲', region: '华东', owner_id: 'zhangsan', size: '1', position: '1', created_at: new Date() })
        .returning('id')
        .executeTakeFirstOrThrow();
      await trx.insertInto('contacts').values({ company_id: company.id, ...sealContact(f.keyring, { name: '甲', phone, email: null }), created_at: new Date() }).execute();
      await held;
    });
    await new Promise((r) => setTimeout(r, 200));
    const ours = reportLead(f.deps, f.as('zhaoliu'), lead('同号并发乙', { phone }));
    await new Promise((r) => setTimeout(r, 300));
    release();
    await other;
    expect(await ours).toMatchObject({ ok: false, code: 'contact_owned' });
    const written = await f.database.db.selectFrom('companies').select('id').where('name', '=', '同号并发乙').execute();
    expect(written).toEqual([]);
  });
});

describe('today and working days follow the company zone and the China calendar', () => {
  let f: BotFixture;
  beforeAll(async () => {
    f = await botFixture(backends[0]!);
  });
  afterAll(() => f.close());

  it('counts a report at 23:30 UTC as the next day in Shanghai', async () => {
    f.clock.set('2026-11-30T23:30:00Z'); // Tuesday 07:30 in Shanghai
    const r = await reportLead(f.deps, f.as('zhangsan'), lead('时区测试'));
    expect(r.ok && r.value.progress.date).toBe('2026-12-01');
  });

  it('sets no target on a public holiday (National Day)', async () => {
    f.clock.set('2026-10-02T10:00:00+08:00');
    const r = await reportLead(f.deps, f.as('zhangsan'), lead('国庆测试'));
    expect(r.ok && r.value.progress).toMatchObject({ workingDay: false, target: 0, count: 1 });
    expect(r.ok && r.value.targetReached).toBe(false);
  });

  it('sets the target on a make-up working Saturday (调休 2026-10-10)', async () => {
    f.clock.set('2026-10-10T10:00:00+08:00');
    const r = await reportLead(f.deps, f.as('zhangsan'), lead('调休测试'));
    expect(r.ok && r.value.progress).toMatchObject({ workingDay: true, target: 5 });
  });

  it('sets no target on an ordinary Sunday', async () => {
    f.clock.set('2026-11-29T10:00:00+08:00');
    const r = await reportLead(f.deps, f.as('zhangsan'), lead('周日测试'));
    expect(r.ok && r.value.progress.target).toBe(0);
  });

  it('sets no target on a day of leave', async () => {
    const { recordLeave } = await import('../../src/core/reminders/availability.ts');
    await recordLeave(f.deps, f.as('zhaoliu'), { from: '2026-12-03', to: '2026-12-04' });
    f.clock.set('2026-12-03T10:00:00+08:00');
    const r = await reportLead(f.deps, f.as('zhaoliu'), lead('请假日测试'));
    expect(r.ok && r.value.progress).toMatchObject({ workingDay: true, onLeave: true, target: 0, count: 1 });
    const list = await listLeads(f.deps, f.as('zhaoliu'), 'today');
    expect(list.ok && list.value.today).toMatchObject({ onLeave: true, target: 0 });
  });

  it('gives managers no lead target but still counts their leads', async () => {
    f.clock.set('2026-11-26T10:00:00+08:00');
    const r = await reportLead(f.deps, f.as('lisi'), lead('经理录入'));
    expect(r.ok && r.value.progress).toMatchObject({ workingDay: true, target: 0, count: 1 });
  });

  it('lists this week from Monday to Sunday, and today only for today', async () => {
    // 郑十 reports nothing else here: the Sunday before the week, its Tuesday at 07:30 in Shanghai (23:30 UTC the day before), its Wednesday.
    for (const [at, company] of [
      ['2026-11-29T10:00:00+08:00', '上周日测试'],
      ['2026-11-30T23:30:00Z', '周二测试'],
      ['2026-12-02T10:00:00+08:00', '周三测试'],
    ] as const) {
      f.clock.set(at);
      expect((await reportLead(f.deps, f.as('zhengshi'), lead(company))).ok).toBe(true);
    }
    const week = await listLeads(f.deps, f.as('zhengshi'), 'week');
    const today = await listLeads(f.deps, f.as('zhengshi'), 'today');
    expect(week.ok && [week.value.from, week.value.to]).toEqual(['2026-11-30', '2026-12-06']);
    expect(week.ok && week.value.leads.map((l) => l.companyName)).toEqual(['周二测试', '周三测试']);
    expect(today.ok && today.value.leads.map((l) => l.companyName)).toEqual(['周三测试']);
  });

  it('takes extra holidays from the policy for years the calendar library does not know', async () => {
    const policy = { ...f.deps.policy, calendar: { extraHolidays: ['2027-01-01'], extraWorkdays: ['2027-01-09'] } };
    const { chinaCalendar } = await import('../../src/calendar/china-calendar.ts');
    const calendar = chinaCalendar(policy.calendar);
    expect(calendar.isWorkingDay('2027-01-01')).toBe(false);
    expect(calendar.isWorkingDay('2027-01-09')).toBe(true);
    expect(calendar.isWorkingDay('2027-01-04')).toBe(true);
  });
});
