import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { monthlyConversion } from '../../src/core/performance/conversion.ts';
import type { Notice } from '../../src/core/notices.ts';
import { DEFAULT_POLICY } from '../../src/core/policy.ts';
import { monthlyConversionJob } from '../../src/core/reminders/monthly-conversion.ts';
import { translator } from '../../src/i18n/translate.ts';
import { JOBS } from '../../src/jobs/registry.ts';
import { noticeView } from '../../src/views/notice-view.ts';
import { botFixture, type BotFixture } from '../support/bot-fixture.ts';
import { addCompany, addContract, addLead } from '../support/performance-data.ts';
import { backends } from '../support/test-database.ts';
import { viewText } from '../support/view-text.ts';

/**
 * A hand-computed November 2026 (2026Q4; December is the one month left):
 *
 * 华东
 * - 张三 reports 阿一 (signed 20 Nov, new client), 阿二 (signed 00:10 on 1 Dec
 *   Shanghai time, still 30 Nov in UTC: after the month's end), 阿三 (never signed):
 *   1 of 3.
 * - 赵六 reports 乙一 on 30 Nov, signed 23:30 on 30 Nov Shanghai time (new client): 1 of 1.
 *   乙二 was his October lead (not November's), signed 10 Nov (new client).
 * - 孙七 reports nothing: 0 of 0. Region: 2 of 4 = 50.0%.
 * - Q4 effective new clients: 丙 (15 Oct), 乙二, 阿一, 乙一 = 4 (阿二 is
 *   December's; 丁's November contract is not a new client): 6 needed in December.
 * 华南: 吴九 reports 2 companies, none signed: 0 of 2; no new clients: 10 needed.
 * 华北: nobody reports: no leads; no new clients.
 */
async function handComputedNovember(f: BotFixture): Promise<void> {
  const db = f.database.db;
  const a1 = await addCompany(db, '阿一', 'zhangsan', '华东');
  const a2 = await addCompany(db, '阿二', 'zhangsan', '华东');
  const a3 = await addCompany(db, '阿三', 'zhangsan', '华东');
  const b1 = await addCompany(db, '乙一', 'zhaoliu', '华东');
  const b2 = await addCompany(db, '乙二', 'zhaoliu', '华东');
  const c = await addCompany(db, '丙', 'zhangsan', '华东');
  const d = await addCompany(db, '丁', 'zhaoliu', '华东');
  const s1 = await addCompany(db, '南一', 'wujiu', '华南');
  const s2 = await addCompany(db, '南二', 'wujiu', '华南');
  await addLead(db, a1, 'zhangsan', '2026-11-02');
  await addLead(db, a2, 'zhangsan', '2026-11-03');
  await addLead(db, a3, 'zhangsan', '2026-11-04');
  await addLead(db, b1, 'zhaoliu', '2026-11-30');
  await addLead(db, b2, 'zhaoliu', '2026-10-30');
  await addLead(db, s1, 'wujiu', '2026-11-05');
  await addLead(db, s2, 'wujiu', '2026-11-06');
  const sign = (companyId: number, ownerId: string, signedAt: string, newClient: boolean) =>
    addContract(db, { companyId, ownerId, region: '华东', yuan: 100_000, signedAt, due: '2027-01-31', newClient });
  await sign(a1, 'zhangsan', '2026-11-20T10:00:00+08:00', true);
  await sign(a2, 'zhangsan', '2026-12-01T00:10:00+08:00', true);
  await sign(b1, 'zhaoliu', '2026-11-30T23:30:00+08:00', true);
  await sign(b2, 'zhaoliu', '2026-11-10T10:00:00+08:00', true);
  await sign(c, 'zhangsan', '2026-10-15T10:00:00+08:00', true);
  await sign(d, 'zhaoliu', '2026-11-12T10:00:00+08:00', false);
}

describe('the monthly-conversion job is scheduled', () => {
  it('runs daily at the policy time (the job decides whether today is the first working day)', () => {
    expect(JOBS['monthly-conversion']?.cron(DEFAULT_POLICY)).toBe('0 9 * * *');
  });
});

describe.each(backends)('monthly conversion (KPI-7) on $name', (backend) => {
  let f: BotFixture;
  beforeAll(async () => {
    f = await botFixture(backend);
    await handComputedNovember(f);
  });
  afterAll(() => f.close());

  const outboxTo = async (personId: string) =>
    (await f.database.db.selectFrom('outbox').select('notice').where('person_id', '=', personId).orderBy('id').execute()).map((r) => r.notice as Notice).filter((n) => n.kind.startsWith('conversion_'));

  it('computes November as by hand: per person, per region, and the quarter’s pace', async () => {
    const regions = await f.deps.store.transaction(async (tx) => ({ ok: true as const, value: await monthlyConversion(f.deps, tx, '2026-11') }));
    if (!regions.ok) throw new Error('no figures');
    const byRegion = new Map(regions.value.map((r) => [r.region, r]));
    expect(byRegion.get('华东')).toEqual({
      region: '华东',
      month: '2026-11',
      quarter: '2026Q4',
      people: [
        { personId: 'sunqi', name: '孙七', leads: 0, signed: 0 },
        { personId: 'zhangsan', name: '张三', leads: 3, signed: 1 },
        { personId: 'zhaoliu', name: '赵六', leads: 1, signed: 1 },
      ],
      leads: 4,
      signed: 2,
      newClients: 4,
      newClientsTarget: 10,
      monthsLeft: 1,
      neededPerMonth: 6,
    });
    expect(byRegion.get('华南')).toMatchObject({ leads: 2, signed: 0, newClients: 0, neededPerMonth: 10 });
    expect(byRegion.get('华北')).toMatchObject({ leads: 0, signed: 0, newClients: 0, people: [{ name: '陈二', leads: 0 }, { name: '马杰', leads: 0 }] });
    // October: 乙二 reported and signed within the month; two months of the quarter left.
    const october = await f.deps.store.transaction(async (tx) => ({ ok: true as const, value: await monthlyConversion(f.deps, tx, '2026-10') }));
    if (!october.ok) throw new Error('no figures');
    expect(october.value.find((r) => r.region === '华东')).toMatchObject({ leads: 1, signed: 0, newClients: 1, monthsLeft: 2, neededPerMonth: 5 });
  });

  it('on the first working day of December tells each regional manager their region and the department manager all, once', async () => {
    expect(await monthlyConversionJob(f.deps, new Date('2026-12-02T09:00:00+08:00'))).toEqual({ queued: 0, skipped: null });
    expect(await monthlyConversionJob(f.deps, new Date('2026-11-28T09:00:00+08:00'))).toEqual({ queued: 0, skipped: 'not_working_day' });
    expect(await monthlyConversionJob(f.deps, new Date('2026-12-01T09:00:00+08:00'))).toEqual({ queued: 4, skipped: null });
    expect(await monthlyConversionJob(f.deps, new Date('2026-12-01T09:00:00+08:00'))).toEqual({ queued: 0, skipped: null });
    expect(await outboxTo('lisi')).toEqual([
      {
        kind: 'conversion_region',
        month: '2026-11',
        quarter: '2026Q4',
        region: '华东',
        people: [
          { name: '孙七', leads: 0, signed: 0 },
          { name: '张三', leads: 3, signed: 1 },
          { name: '赵六', leads: 1, signed: 1 },
        ],
        leads: 4,
        signed: 2,
        newClients: 4,
        newClientsTarget: 10,
        monthsLeft: 1,
        neededPerMonth: 6,
      },
    ]);
    expect((await outboxTo('zhouba')).map((n) => n.kind === 'conversion_region' && n.region)).toEqual(['华南']);
    expect((await outboxTo('fengyi')).map((n) => n.kind === 'conversion_region' && n.region)).toEqual(['华北']);
    const all = await outboxTo('wangwu');
    expect(all).toHaveLength(1);
    expect(all[0]).toMatchObject({
      kind: 'conversion_all',
      month: '2026-11',
      regions: [
        { region: '华东', leads: 4, signed: 2, newClients: 4, neededPerMonth: 6 },
        { region: '华北', leads: 0, signed: 0, newClients: 0, neededPerMonth: 10 },
        { region: '华南', leads: 2, signed: 0, newClients: 0, neededPerMonth: 10 },
      ].sort((a, b) => a.region.localeCompare(b.region)),
    });
    expect(await outboxTo('zhangsan')).toEqual([]);
  });

  it('reads to each regional manager as their region, in their language', async () => {
    const [east] = await outboxTo('lisi');
    expect(viewText(noticeView(translator('zh-CN'), 'zh-CN', east!)).split('\n')).toEqual([
      '华东 · 2026-11 线索→签约转化率（KPI-7）',
      '区域合计：4 条线索中 2 条已签约（50.0%）',
      '孙七：0 条线索中 0 条已签约（无线索）',
      '张三：3 条线索中 1 条已签约（33.3%）',
      '赵六：1 条线索中 1 条已签约（100.0%）',
      '2026Q4 有效新客户 4/10：剩余 1 个月，每月还需 6 家',
      '转化率：2026-11 录入为线索的公司中，在 2026-11 月底前签约的比例。',
    ]);
    const [north] = await outboxTo('fengyi');
    const text = viewText(noticeView(translator('en'), 'en', north!));
    expect(text).toContain('华北 · 2026-11 lead → signed conversion (KPI-7)');
    expect(text).toContain('Region: 0 of 0 leads signed (no leads)');
    expect(text).toContain('2026Q4 effective new clients 0/10: 10 a month needed over the 1 month left');
    const [everyone] = await outboxTo('wangwu');
    expect(viewText(noticeView(translator('zh-CN'), 'zh-CN', everyone!))).toContain('华东：4 条线索中 2 条已签约（50.0%）；2026Q4 有效新客户 4/10：剩余 1 个月，每月还需 6 家');
  });

  it('after the quarter’s last month says how the quarter ended', async () => {
    const notice: Notice = { kind: 'conversion_region', month: '2026-12', quarter: '2026Q4', region: '华东', people: [], leads: 0, signed: 0, newClients: 7, newClientsTarget: 10, monthsLeft: 0, neededPerMonth: null };
    expect(viewText(noticeView(translator('en'), 'en', notice))).toContain('2026Q4 ended with 7/10 effective new clients: 3 short of the target');
  });
});
