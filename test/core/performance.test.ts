import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { checkMonth, lockMonth } from '../../src/core/performance/finance.ts';
import { agreeGoal, listGoals, setGoal, type SetGoalCommand } from '../../src/core/performance/goals.ts';
import { submitPlan } from '../../src/core/performance/plan.ts';
import { reportLead } from '../../src/core/leads/report-lead.ts';
import { rankForBonus, rankYear, standings, tierSizes, type RankEntry } from '../../src/core/performance/review.ts';
import type { QuarterReview } from '../../src/core/performance/types.ts';
import fc from 'fast-check';
import { translator } from '../../src/i18n/translate.ts';
import { financeView } from '../../src/views/performance-views.ts';
import { showKpi, type KpiReport } from '../../src/core/performance/show-kpi.ts';
import { DEFAULT_POLICY } from '../../src/core/policy.ts';
import type { CoreResult } from '../../src/core/ports.ts';
import { botFixture, type BotFixture } from '../support/bot-fixture.ts';
import { addCompany, addContract, addPayment, sampleQuarter } from '../support/performance-data.ts';
import { backends } from '../support/test-database.ts';
import { backToCheckpoint, checkpoint } from '../support/reset-database.ts';

const unwrap = <T>(r: CoreResult<T>): T => {
  if (!r.ok) throw new Error(`refused: ${r.code} ${JSON.stringify(r.details)}`);
  return r.value;
};
const code = (r: CoreResult<unknown>) => (r.ok ? 'ok' : r.code);
const person = (r: KpiReport) => {
  if (r.kind !== 'person') throw new Error('expected one person');
  return r.kpi;
};
const team = (r: KpiReport) => {
  if (r.kind !== 'team') throw new Error('expected a team');
  return r.team;
};

describe('KPI-5 bonus ranking', () => {
  const entry = (personId: string, attainmentBp: number, more: Partial<RankEntry> = {}): RankEntry => ({
    personId,
    attainmentBp,
    salesFen: attainmentBp * 10_000,
    collectionRateBp: null,
    lastSignedAt: null,
    ...more,
  });
  const entries = (n: number) => Array.from({ length: n }, (_, i) => entry(`p${String(i + 1).padStart(2, '0')}`, 20_000 - i * 100));
  const multiples = (ranked: Map<string, { bonusMultiple: number }>, ids: string[]) => ids.map((id) => ranked.get(id)!.bonusMultiple);

  it('gives 10 people, rounding shares down: nobody 3× (5% of 10 is 0), the best 2× (10%), the second 1× (20%)', () => {
    const list = entries(10);
    const ranked = rankForBonus(DEFAULT_POLICY, list);
    expect(multiples(ranked, list.map((e) => e.personId))).toEqual([2, 1, 0, 0, 0, 0, 0, 0, 0, 0]);
    expect(list.map((e) => ranked.get(e.personId)!.rank)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it('gives 20 people: 3×, 2×, then 1× for ranks 3 and 4', () => {
    const list = entries(20);
    const ranked = rankForBonus(DEFAULT_POLICY, list);
    expect(multiples(ranked, list.slice(0, 5).map((e) => e.personId))).toEqual([3, 2, 1, 1, 0]);
  });

  it('gives nobody a bonus when ten people are tied on attainment, sales, collection and signing: none of them fits a tier of one or two', () => {
    const list = Array.from({ length: 10 }, (_, i) => entry(`t${i}`, 15_000));
    const ranked = rankForBonus(DEFAULT_POLICY, list);
    expect(multiples(ranked, list.map((e) => e.personId))).toEqual(Array(10).fill(0));
    expect(new Set(list.map((e) => ranked.get(e.personId)!.rank))).toEqual(new Set([1]));
  });

  it('of 20 people with 7 tied at rank 4 gives the bonus to ranks 1 to 3 only: the tied 7 do not fit the one 1× place left', () => {
    const list = [entry('a', 30_000), entry('b', 29_000), entry('c', 28_000), ...Array.from({ length: 7 }, (_, i) => entry(`tie${i}`, 20_000)), ...Array.from({ length: 10 }, (_, i) => entry(`z${i}`, 10_000 - i * 100))];
    const ranked = rankForBonus(DEFAULT_POLICY, list);
    const paid = [...ranked.entries()].filter(([, r]) => r.bonusMultiple > 0).map(([id, r]) => [id, r.bonusMultiple]);
    expect(paid).toEqual([['a', 3], ['b', 2], ['c', 1]]);
    expect(ranked.get('tie0')!.rank).toBe(4);
  });

  it('breaks a tie on attainment by sales, then collection rate, then the earlier latest signing', () => {
    const list = [
      entry('late', 20_000, { salesFen: 100, collectionRateBp: 9_000, lastSignedAt: new Date('2026-12-20T00:00:00Z') }),
      entry('early', 20_000, { salesFen: 100, collectionRateBp: 9_000, lastSignedAt: new Date('2026-12-01T00:00:00Z') }),
      entry('collects', 20_000, { salesFen: 100, collectionRateBp: 9_900 }),
      entry('sells', 20_000, { salesFen: 101, collectionRateBp: 0 }),
    ];
    const order = [...standings(list).entries()].sort((x, y) => x[1] - y[1]).map(([id]) => id);
    expect(order).toEqual(['sells', 'collects', 'early', 'late']);
  });

  it('rounds a share to the nearest or up when the policy file says so (kpi.bonus_rounding)', () => {
    const nine = entries(9);
    const with_ = (bonusRounding: 'nearest' | 'ceil') => rankForBonus({ ...DEFAULT_POLICY, kpi: { ...DEFAULT_POLICY.kpi, bonusRounding } }, nine);
    // 9 people: 5% = 0.45, 10% = 0.9, 20% = 1.8.
    expect(multiples(rankForBonus(DEFAULT_POLICY, nine), nine.slice(0, 3).map((e) => e.personId))).toEqual([1, 0, 0]);
    expect(multiples(with_('nearest'), nine.slice(0, 3).map((e) => e.personId))).toEqual([2, 1, 0]);
    expect(multiples(with_('ceil'), nine.slice(0, 3).map((e) => e.personId))).toEqual([3, 1, 0]);
  });

  it('gives nothing to a person with no sales', () => {
    const ranked = rankForBonus(DEFAULT_POLICY, [...entries(19), entry('none', 0, { salesFen: 0 })]);
    expect(ranked.get('none')!.bonusMultiple).toBe(0);
  });

  it('never makes a tier larger than its share, nor pays a lower rank more, over random attainments with ties (property)', () => {
    const policies = [DEFAULT_POLICY, ...(['nearest', 'ceil'] as const).map((bonusRounding) => ({ ...DEFAULT_POLICY, kpi: { ...DEFAULT_POLICY.kpi, bonusRounding } }))];
    fc.assert(
      fc.property(
        // Few distinct values, so ties are common; attainment follows sales, as it does against one target.
        fc.array(fc.record({ sales: fc.integer({ min: 0, max: 6 }), collection: fc.option(fc.integer({ min: 0, max: 2 })), signed: fc.option(fc.integer({ min: 1, max: 3 })) }), { minLength: 0, maxLength: 60 }),
        fc.integer({ min: 0, max: 2 }),
        (rows, p) => {
          const policy = policies[p]!;
          const list = rows.map((r, i) =>
            entry(`p${i}`, r.sales * 5_000, {
              salesFen: r.sales * 100,
              collectionRateBp: r.collection === null ? null : r.collection * 5_000,
              lastSignedAt: r.signed === null ? null : new Date(Date.UTC(2026, 11, r.signed)),
            }),
          );
          const ranked = rankForBonus(policy, list);
          const sizes = tierSizes(policy, list.length);
          for (const tier of sizes) {
            const holders = [...ranked.values()].filter((r) => r.bonusMultiple === tier.salaryMultiple).length;
            expect(holders).toBeLessThanOrEqual(tier.size);
          }
          const total = [...ranked.values()].filter((r) => r.bonusMultiple > 0).length;
          expect(total).toBeLessThanOrEqual(sizes.reduce((sum, t) => sum + t.size, 0));
          for (const a of list) {
            for (const b of list) {
              const ra = ranked.get(a.personId)!;
              const rb = ranked.get(b.personId)!;
              if (ra.rank < rb.rank) expect(ra.bonusMultiple).toBeGreaterThanOrEqual(rb.bonusMultiple);
              if (ra.rank === rb.rank) expect(ra.bonusMultiple).toBe(rb.bonusMultiple);
            }
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('KPI-5 year ranking', () => {
  it('ranks only people reviewed in the fourth quarter who failed none of the year, and never fills a tier past its share, over random years with ties (property)', () => {
    const quarterReview = (personId: string, quarter: string, salesFen: number, passed: boolean): QuarterReview => ({
      personId, quarter, salesFen, newClients: 9, collectionRateBp: null, attainmentBp: 0, passed, rank: null, bonusMultiple: 0, computedAt: new Date('2026-01-05T01:00:00Z'),
    });
    fc.assert(
      fc.property(
        // Per person and quarter: not reviewed, or reviewed with few distinct sales (ties) and passed or not.
        fc.array(fc.array(fc.option(fc.record({ sales: fc.integer({ min: 0, max: 4 }), passed: fc.boolean() }), { nil: undefined }), { minLength: 4, maxLength: 4 }), { maxLength: 40 }),
        (people) => {
          const byQuarter: QuarterReview[][] = [[], [], [], []];
          people.forEach((quarters, i) =>
            quarters.forEach((q, k) => {
              if (q) byQuarter[k]!.push(quarterReview(`p${i}`, `2025Q${k + 1}`, q.sales * 50_000_000, q.passed));
            }),
          );
          const { rows, ranked } = rankYear(DEFAULT_POLICY, byQuarter, () => null, new Map());
          for (const row of rows) {
            const mine = byQuarter.flat().filter((r) => r.personId === row.personId);
            expect(mine.every((r) => r.passed)).toBe(true);
            expect(byQuarter[3]!.some((r) => r.personId === row.personId)).toBe(true);
          }
          const expectedRanked = byQuarter[3]!.filter((r) => byQuarter.flat().every((o) => o.personId !== r.personId || o.passed));
          expect(rows.length).toBe(expectedRanked.length);
          for (const tier of tierSizes(DEFAULT_POLICY, rows.length)) {
            expect([...ranked.values()].filter((r) => r.bonusMultiple === tier.salaryMultiple).length).toBeLessThanOrEqual(tier.size);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe.each(backends)('performance review on $name', (backend) => {
  let f: BotFixture;
  beforeAll(async () => {
    f = await botFixture(backend);
    await sampleQuarter(f.database.db);
    await checkpoint(f.database.db);
  });
  // Each test starts from the scene above, not from what the test before it left.
  beforeEach(() => backToCheckpoint(f.database.db));
  afterAll(() => f.close());

  const outboxTo = async (personId: string) =>
    (await f.database.db.selectFrom('outbox').select('notice').where('person_id', '=', personId).orderBy('id').execute()).map((r) => r.notice);

  describe('figures (KPI-1, CON-3)', () => {
    it('counts sales and new clients signed in the quarter, in Shanghai time, and the collection rate with a partial payment', async () => {
      const kpi = person(unwrap(await showKpi(f.deps, f.as('zhangsan'), { scope: 'me', quarter: '2026Q3' })));
      expect(kpi.figures.salesFen).toBe(110_000_000);
      expect(kpi.figures.newClients).toBe(2);
      expect(kpi.figures.newClientsByMonth).toEqual([
        { month: '2026-07', count: 1, met: false },
        { month: '2026-08', count: 0, met: false },
        { month: '2026-09', count: 1, met: false },
      ]);
      // 600,000 due in Q3; 300,000 paid in the quarter, the 100,000 of 5 Oct is after its end.
      expect(kpi.figures.collection).toEqual({ dueFen: 60_000_000, receivedFen: 30_000_000, rateBp: 5_000 });
      expect(kpi.figures.met).toEqual({ sales: true, newClients: false, collection: false });
      expect(kpi.figures.passed).toBe(false);
      expect(kpi.running).toBe(false);
    });

    it('puts a contract signed at 00:10 on 1 October Shanghai time into Q4', async () => {
      const kpi = person(unwrap(await showKpi(f.deps, f.as('zhangsan'), { scope: 'me', quarter: null })));
      expect(kpi.figures.quarter).toBe('2026Q4');
      expect(kpi.figures.salesFen).toBe(10_000_000);
      expect(kpi.figures.newClients).toBe(0);
      expect(kpi.running).toBe(true);
    });

    it('counts as due in a running quarter only what fell due up to today: a contract due next month is not missed yet', async () => {
      // Today is 26 Nov: the 500,000 due 15 Nov is due; the 100,000 due 20 Dec is not yet. The 600,000 due
      // 30 Aug still owed 300,000 when Q4 began: that is due too, and its 100,000 paid on 5 Oct is received.
      // (500,000 + 300,000) due, 100,000 received: 12.5%.
      const kpi = person(unwrap(await showKpi(f.deps, f.as('zhangsan'), { scope: 'me', quarter: '2026Q4' })));
      expect(kpi.figures.collection).toEqual({ dueFen: 80_000_000, receivedFen: 10_000_000, rateBp: 1_250 });
    });

    it('checks new clients month by month (KPI-1: 3 a month): nine in April alone miss May and June', async () => {
      for (let i = 0; i < 9; i++) {
        const company = await addCompany(f.database.db, `四月客户${i}`, 'zhaoliu', '华东');
        await addContract(f.database.db, { companyId: company, ownerId: 'zhaoliu', region: '华东', yuan: 10_000, signedAt: '2026-04-10T10:00:00+08:00', due: '2026-04-30', newClient: true });
      }
      const kpi = person(unwrap(await showKpi(f.deps, f.as('zhaoliu'), { scope: 'me', quarter: '2026Q2' })));
      expect(kpi.figures.newClients).toBe(9);
      expect(kpi.figures.newClientsMissed).toEqual(['2026-05', '2026-06']);
      expect(kpi.figures.met.newClients).toBe(false);
      // In a running quarter only a month that has ended is judged (today is 26 Nov): October missed, November still running, December not begun.
      const running = person(unwrap(await showKpi(f.deps, f.as('zhangsan'), { scope: 'me', quarter: '2026Q4' })));
      expect(running.figures.newClientsByMonth.map((m) => m.met)).toEqual([false, null, null]);
      expect(running.figures.newClientsMissed).toEqual(['2026-10']);
    });

    it('reads nothing due as "no payments due", which counts as met', async () => {
      const kpi = person(unwrap(await showKpi(f.deps, f.as('sunqi'), { scope: 'me', quarter: '2026Q3' })));
      expect(kpi.figures.salesFen).toBe(0);
      expect(kpi.figures.collection).toBeNull();
      expect(kpi.figures.met.collection).toBe(true);
    });
  });

  describe('collection rate (CON-3, KPI-1) on a hand-computed quarter', () => {
    it("counts money overdue from an earlier quarter as due until paid, and payments made early on a contract due in the quarter as received", async () => {
      const db = f.database.db;
      const contract = async (name: string, yuan: number, due: string) =>
        addContract(db, { companyId: await addCompany(db, name, 'chener', '华北'), ownerId: 'chener', region: '华北', yuan, signedAt: '2025-01-05T10:00:00+08:00', due, newClient: false });
      // 陈二's contracts (all signed 5 Jan 2025):
      // K1 400,000 due 20 Mar: 100,000 paid 25 Mar, 200,000 paid 10 May.
      const k1 = await contract('回款甲', 400_000, '2025-03-20');
      await addPayment(db, k1, 100_000, '2025-03-25');
      await addPayment(db, k1, 200_000, '2025-05-10');
      // K2 200,000 due 10 Feb: paid in full on 5 Feb.
      const k2 = await contract('回款乙', 200_000, '2025-02-10');
      await addPayment(db, k2, 200_000, '2025-02-05');
      // K3 500,000 due 31 May: 250,000 paid 20 Apr, 250,000 only on 5 Jul.
      const k3 = await contract('回款丙', 500_000, '2025-05-31');
      await addPayment(db, k3, 250_000, '2025-04-20');
      await addPayment(db, k3, 250_000, '2025-07-05');
      // K4 100,000 due 15 Jun: paid in full early, on 1 Mar.
      const k4 = await contract('回款丁', 100_000, '2025-06-15');
      await addPayment(db, k4, 100_000, '2025-03-01');
      // K5 300,000 due 10 Jul: nothing paid.
      await contract('回款戊', 300_000, '2025-07-10');

      // Q2 (1 Apr to 30 Jun):
      //   K1 fell due in Q1 and still owed 400,000 − 100,000 = 300,000 on 1 Apr: due 300,000; paid in Q2 200,000.
      //   K2 was paid in full before Q2: nothing.
      //   K3 falls due in Q2: due 500,000; paid by 30 Jun 250,000 (the 5 Jul payment is after the quarter).
      //   K4 falls due in Q2: due 100,000; paid by 30 Jun 100,000 (early, in Q1, still counts).
      //   K5 falls due after Q2: nothing.
      //   Due 900,000, received 550,000: 61.11%, 6,111 basis points (floored).
      const q2 = person(unwrap(await showKpi(f.deps, f.as('chener'), { scope: 'me', quarter: '2025Q2' })));
      expect(q2.figures.collection).toEqual({ dueFen: 90_000_000, receivedFen: 55_000_000, rateBp: 6_111 });
      expect(q2.figures.met.collection).toBe(false);

      // Q3 (1 Jul to 30 Sep): the overdue rest does not drop out.
      //   K1 still owes 100,000: due 100,000, received 0.   K3 still owes 250,000: due 250,000, received 250,000 (5 Jul).
      //   K5 falls due in Q3: due 300,000, received 0.      Due 650,000, received 250,000: 38.46%, 3,846 basis points.
      const q3 = person(unwrap(await showKpi(f.deps, f.as('chener'), { scope: 'me', quarter: '2025Q3' })));
      expect(q3.figures.collection).toEqual({ dueFen: 65_000_000, receivedFen: 25_000_000, rateBp: 3_846 });
    });
  });

  describe('market promotion staff (KPI-1)', () => {
    it('are reviewed against their own target of 5 new clients a month, where a salesperson needs 3', async () => {
      const db = f.database.db;
      // 马杰 (promotion) and 陈二 (sales) of 华北 each sign four new clients in every month of 2026Q1.
      for (const ownerId of ['majie', 'chener']) {
        for (const month of ['01', '02', '03']) {
          for (let i = 0; i < 4; i++) {
            const company = await addCompany(db, `推广-${ownerId}-${month}-${i}`, ownerId, '华北');
            await addContract(db, { companyId: company, ownerId, region: '华北', yuan: 100_000, signedAt: `2026-${month}-1${i}T10:00:00+08:00`, due: '2026-12-31', newClient: true });
          }
        }
      }
      const promotion = person(unwrap(await showKpi(f.deps, f.as('fengyi'), { scope: 'person', personId: 'majie', quarter: '2026Q1' })));
      expect(promotion.figures.newClientsPerMonthTarget).toBe(5);
      expect(promotion.figures.newClientsMissed).toEqual(['2026-01', '2026-02', '2026-03']);
      const sales = person(unwrap(await showKpi(f.deps, f.as('fengyi'), { scope: 'person', personId: 'chener', quarter: '2026Q1' })));
      expect(sales.figures.newClientsPerMonthTarget).toBe(3);
      expect(sales.figures.met.newClients).toBe(true);
      const north = team(unwrap(await showKpi(f.deps, f.as('fengyi'), { scope: 'team', region: null, quarter: '2026Q1' })));
      expect(north.people.map((p) => p.person.id)).toEqual(['chener', 'majie']);
    });

    it('report leads and own clients as sales do, without the LEAD-1 daily target (policy.md gives it to sales and account managers)', async () => {
      const saved = await reportLead(f.deps, f.as('majie'), { company: '推广线索公司', contactName: '周', phone: '+8613100009999', email: null, size: '50人', position: '一般', region: null, creditCode: null, source: null });
      expect(saved.ok && saved.value.progress).toMatchObject({ count: 1, target: 0 });
    });
  });

  describe('who sees whose figures', () => {
    it.each([
      ['zhangsan', 'zhangsan', 'ok'],
      ['lisi', 'zhangsan', 'ok'],
      ['wangwu', 'zhangsan', 'ok'],
      ['zhaoliu', 'zhangsan', 'not_your_report'],
      ['zhouba', 'zhangsan', 'not_your_report'],
      ['qianhui', 'zhangsan', 'not_your_report'],
      ['wangwu', 'qianhui', 'no_targets'],
      ['wangwu', 'nobody', 'person_not_found'],
    ])('%s asking for @%s: %s', async (viewer, target, expected) => {
      expect(code(await showKpi(f.deps, f.as(viewer), { scope: 'person', personId: target, quarter: '2026Q3' }))).toBe(expected);
    });

    it('lets a regional manager see their region and the department manager any region', async () => {
      expect(code(await showKpi(f.deps, f.as('zhangsan'), { scope: 'team', region: null, quarter: null }))).toBe('not_allowed');
      expect(code(await showKpi(f.deps, f.as('lisi'), { scope: 'team', region: '华南', quarter: null }))).toBe('not_allowed');
      expect(code(await showKpi(f.deps, f.as('wangwu'), { scope: 'team', region: '火星', quarter: null }))).toBe('unknown_region');
      const south = team(unwrap(await showKpi(f.deps, f.as('wangwu'), { scope: 'team', region: '华南', quarter: '2026Q3' })));
      expect(south.people.map((p) => p.person.id)).toEqual(['wujiu', 'zhengshi']);
    });
  });

  it('shows a team its quarter: each person, new clients vs 10, the monthly conversion and new A-class clients (KPI-7, INC-2)', async () => {
    const east = team(unwrap(await showKpi(f.deps, f.as('lisi'), { scope: 'team', region: null, quarter: '2026Q3' })));
    expect(east.region).toBe('华东');
    expect(east.people.map((p) => p.person.id)).toEqual(['sunqi', 'zhangsan', 'zhaoliu']);
    expect(east.newClients).toBe(2);
    expect(east.newClientsTarget).toBe(10);
    expect(east.conversion).toEqual([
      { month: '2026-07', leads: 2, signed: 1 },
      { month: '2026-08', leads: 0, signed: 0 },
      { month: '2026-09', leads: 0, signed: 0 },
    ]);
    expect(east.newAClients).toBe(1);
    expect(east.travelFundAClients).toBe(3);
    // A manager's own /kpi is the team.
    expect(unwrap(await showKpi(f.deps, f.as('lisi'), { scope: 'me', quarter: '2026Q3' })).kind).toBe('team');
  });

  it("counts a team's new A-class clients as the travel-fund notice does: by the deal's region, whoever signed (INC-2)", async () => {
    const signedIn = (at: string) => ({ yuan: 100_000, signedAt: at, due: '2026-06-30', newClient: true });
    // 李四, the regional manager, signs two in 华东; 张三 of 华东 signs one on a deal of 华南.
    await addContract(f.database.db, { companyId: await addCompany(f.database.db, 'INC2甲', 'lisi', '华东', 'A'), ownerId: 'lisi', region: '华东', ...signedIn('2026-05-10T10:00:00+08:00') });
    await addContract(f.database.db, { companyId: await addCompany(f.database.db, 'INC2乙', 'lisi', '华东', 'A'), ownerId: 'lisi', region: '华东', ...signedIn('2026-05-11T10:00:00+08:00') });
    await addContract(f.database.db, { companyId: await addCompany(f.database.db, 'INC2丙', 'zhangsan', '华南', 'A'), ownerId: 'zhangsan', region: '华南', ...signedIn('2026-05-12T10:00:00+08:00') });
    const east = team(unwrap(await showKpi(f.deps, f.as('lisi'), { scope: 'team', region: null, quarter: '2026Q2' })));
    const south = team(unwrap(await showKpi(f.deps, f.as('wangwu'), { scope: 'team', region: '华南', quarter: '2026Q2' })));
    const quarter = { from: new Date('2026-03-31T16:00:00Z'), to: new Date('2026-06-30T16:00:00Z') };
    const notice = (region: string) => f.deps.store.direct((tx) => tx.contracts.newAClientsSigned(region, quarter.from, quarter.to));
    expect([east.newAClients, south.newAClients]).toEqual([2, 1]);
    expect([await notice('华东'), await notice('华南')]).toEqual([2, 1]);
  });

  describe('improvement plan (KPI-4)', () => {
    it('is refused without a failed review, and nothing is stored', async () => {
      expect(await submitPlan(f.deps, f.as('zhaoliu'), '多打电话')).toEqual({ ok: false, code: 'no_failed_review', details: {} });
      expect(await f.database.db.selectFrom('improvement_plans').selectAll().execute()).toEqual([]);
    });

    it('is recorded for the latest failed quarter, replaced on resubmission, and the manager is told each time', async () => {
      await f.deps.store.transaction(async (tx) => {
        await tx.performance.addReviews([
          { personId: 'zhaoliu', quarter: '2026Q3', salesFen: 0, newClients: 0, collectionRateBp: null, attainmentBp: 0, passed: false, rank: 3, bonusMultiple: 0, computedAt: new Date('2026-11-20T01:00:00Z') },
        ]);
        return { ok: true, value: null };
      });
      const first = unwrap(await submitPlan(f.deps, f.as('zhaoliu'), '每天增加两次电话拜访'));
      expect(first).toEqual({ quarter: '2026Q3', dueBy: '2026-11-27', late: false, replaced: false });
      f.clock.set('2026-11-26T10:05:00+08:00');
      const second = unwrap(await submitPlan(f.deps, f.as('zhaoliu'), '每天增加三次电话拜访'));
      expect(second.replaced).toBe(true);
      const plans = await f.database.db.selectFrom('improvement_plans').select(['person_id', 'quarter', 'text']).execute();
      expect(plans).toEqual([{ person_id: 'zhaoliu', quarter: '2026Q3', text: '每天增加三次电话拜访' }]);
      expect((await outboxTo('lisi')).filter((n) => n.kind === 'plan_submitted')).toHaveLength(2);
      const kpi = person(unwrap(await showKpi(f.deps, f.as('zhaoliu'), { scope: 'me', quarter: '2026Q3' })));
      expect(kpi.review?.passed).toBe(false);
      expect(kpi.plan?.text).toBe('每天增加三次电话拜访');
    });

    it('is refused when the latest review passed, even after an earlier failed one', async () => {
      // 赵六 failed 2026Q3 and wrote his plan for it; then he passed 2026Q4.
      await f.deps.store.transaction(async (tx) => {
        await tx.performance.addReviews([
          { personId: 'zhaoliu', quarter: '2026Q3', salesFen: 0, newClients: 0, collectionRateBp: null, attainmentBp: 0, passed: false, rank: 3, bonusMultiple: 0, computedAt: new Date('2026-11-20T01:00:00Z') },
        ]);
        return { ok: true, value: null };
      });
      unwrap(await submitPlan(f.deps, f.as('zhaoliu'), '每天增加三次电话拜访'));
      await f.deps.store.transaction(async (tx) => {
        await tx.performance.addReviews([
          { personId: 'zhaoliu', quarter: '2026Q4', salesFen: 200_000_000, newClients: 9, collectionRateBp: null, attainmentBp: 20_000, passed: true, rank: 1, bonusMultiple: 0, computedAt: new Date('2027-01-05T01:00:00Z') },
        ]);
        return { ok: true, value: null };
      });
      expect(await submitPlan(f.deps, f.as('zhaoliu'), '继续保持')).toEqual({ ok: false, code: 'latest_review_passed', details: { quarter: '2026Q4' } });
      const plans = await f.database.db.selectFrom('improvement_plans').select(['quarter', 'text']).where('person_id', '=', 'zhaoliu').execute();
      expect(plans).toEqual([{ quarter: '2026Q3', text: '每天增加三次电话拜访' }]);
    });
  });

  describe('monthly goals (KPI-2)', () => {
    const goal = (patch: Partial<SetGoalCommand> = {}): SetGoalCommand => ({ personId: 'zhangsan', salesFen: 40_000_000, newClients: 3, month: '2026-12', note: null, ...patch });

    it('are set by the manager, sent with an Agree button, agreed by the person and then fixed', async () => {
      expect(code(await setGoal(f.deps, f.as('zhaoliu'), goal()))).toBe('not_your_report');
      expect(code(await setGoal(f.deps, f.as('zhouba'), goal()))).toBe('not_your_report');
      expect(code(await setGoal(f.deps, f.as('lisi'), goal({ personId: 'qianhui' })))).toBe('no_targets');
      unwrap(await setGoal(f.deps, f.as('lisi'), goal()));
      f.clock.set('2026-11-26T10:10:00+08:00');
      unwrap(await setGoal(f.deps, f.as('wangwu'), goal({ salesFen: 50_000_000 })));
      expect((await outboxTo('zhangsan')).filter((n) => n.kind === 'goal_set').at(-1)).toMatchObject({ month: '2026-12', by: '王五', salesFen: 50_000_000 });
      expect(code(await agreeGoal(f.deps, f.as('zhangsan'), '2027-01'))).toBe('no_goal');
      const agreed = unwrap(await agreeGoal(f.deps, f.as('zhangsan'), '2026-12'));
      expect(agreed.salesTargetFen).toBe(50_000_000);
      expect(agreed.agreedAt).not.toBeNull();
      expect((await outboxTo('wangwu')).filter((n) => n.kind === 'goal_agreed')).toEqual([{ kind: 'goal_agreed', month: '2026-12', person: '张三' }]);
      expect(code(await agreeGoal(f.deps, f.as('zhangsan'), '2026-12'))).toBe('goal_already_agreed');
      expect(code(await setGoal(f.deps, f.as('lisi'), goal({ salesFen: 1 })))).toBe('goal_already_agreed');
      const stored = await f.database.db.selectFrom('monthly_goals').select('sales_target_fen').where('person_id', '=', 'zhangsan').executeTakeFirstOrThrow();
      expect(Number(stored.sales_target_fen)).toBe(50_000_000);
    });

    it('shows a manager who has this month\'s goal and who has none yet', async () => {
      unwrap(await setGoal(f.deps, f.as('lisi'), goal({ personId: 'sunqi', month: null })));
      const overview = unwrap(await listGoals(f.deps, f.as('lisi')));
      expect(overview.month).toBe('2026-11');
      expect(overview.team?.map((m) => [m.person.id, m.goal?.newClientsTarget ?? null])).toEqual([
        ['sunqi', 3],
        ['zhangsan', null],
        ['zhaoliu', null],
      ]);
      const mine = unwrap(await listGoals(f.deps, f.as('sunqi')));
      expect(mine.mine?.agreedAt).toBeNull();
      expect(mine.team).toBeNull();
    });
  });

  describe('finance lock (KPI-3)', () => {
    it('is finance\'s alone, for a month that has ended, once', async () => {
      expect(await lockMonth(f.deps, f.as('zhangsan'), '2026-10')).toEqual({ ok: false, code: 'not_allowed', details: { role: 'sales' } });
      expect(code(await lockMonth(f.deps, f.as('qianhui'), '2026-12'))).toBe('month_in_future');
      expect(await lockMonth(f.deps, f.as('qianhui'), '2026-11')).toEqual({ ok: false, code: 'month_not_ended', details: { month: '2026-11', from: '2026-12-01' } });
      const locked = unwrap(await lockMonth(f.deps, f.as('qianhui'), '2026-10'));
      expect(locked.lock?.by).toBe('钱慧');
      expect(locked.lockable).toBe(false);
      expect(await lockMonth(f.deps, f.as('qianhui'), '2026-10')).toEqual({ ok: false, code: 'month_already_locked', details: { month: '2026-10', by: '钱慧', at: '2026-11-26' } });
      expect(await f.database.db.selectFrom('finance_locks').select('month').execute()).toEqual([{ month: '2026-10' }]);
    });

    it('shows the month\'s sales and payments per person for checking', async () => {
      const july = unwrap(await checkMonth(f.deps, f.as('qianhui'), '2026-07'));
      expect(july.rows).toEqual([{ personId: 'zhangsan', name: '张三', salesFen: 60_000_000, contracts: 1, receivedFen: 0, receivedByOwnerFen: 0 }]);
      expect(july.lock).toBeNull();
      expect(july.lockable).toBe(true);
      const october = unwrap(await checkMonth(f.deps, f.as('qianhui'), '2026-10'));
      expect(october).toMatchObject({ salesFen: 10_000_000, receivedFen: 10_000_000, contracts: 1 });
      expect(code(await checkMonth(f.deps, f.as('zhangsan'), null))).toBe('not_allowed');
    });
  });
  describe('payments the owner recorded (CON-3, KPI-3)', () => {
    it("are shown apart in finance's monthly check, since they lift the owner's own collection rate", async () => {
      const db = f.database.db;
      const id = await addContract(db, { companyId: await addCompany(db, '自录回款', 'zhaoliu', '华东'), ownerId: 'zhaoliu', region: '华东', yuan: 100_000, signedAt: '2024-03-01T10:00:00+08:00', due: '2024-03-31', newClient: false });
      await db.insertInto('payments').values({ contract_id: id, amount_fen: 3_000_000, paid_on: '2024-03-20', recorded_by: 'zhaoliu', recorded_at: new Date('2024-03-20T03:00:00Z') }).execute();
      await db.insertInto('payments').values({ contract_id: id, amount_fen: 1_000_000, paid_on: '2024-03-21', recorded_by: 'qianhui', recorded_at: new Date('2024-03-21T03:00:00Z') }).execute();
      const march = unwrap(await checkMonth(f.deps, f.as('qianhui'), '2024-03'));
      expect(march.rows).toEqual([{ personId: 'zhaoliu', name: '赵六', salesFen: 10_000_000, contracts: 1, receivedFen: 4_000_000, receivedByOwnerFen: 3_000_000 }]);
      const text = JSON.stringify(financeView({ t: translator('zh-CN'), locale: 'zh-CN', timezone: 'Asia/Shanghai', policy: DEFAULT_POLICY }, march));
      expect(text).toContain('由负责人本人登记');
    });
  });

  describe('a regional manager sees the region (finding: /kpi @x and /goal @x beyond the manager chain)', () => {
    it('lets 李四 see and set the goal of someone in 华东 who reports to the department manager, not 周八 of 华南', async () => {
      await f.database.db
        .insertInto('people')
        .values({ id: 'liuyi', name: '刘一', role: 'sales', region: '华东', manager_id: 'wangwu', slack_id: null, feishu_id: null, locale: null, monthly_salary_fen: null })
        .execute();
      expect(code(await showKpi(f.deps, f.as('lisi'), { scope: 'person', personId: 'liuyi', quarter: '2026Q3' }))).toBe('ok');
      expect(code(await showKpi(f.deps, f.as('zhouba'), { scope: 'person', personId: 'liuyi', quarter: '2026Q3' }))).toBe('not_your_report');
      expect(code(await setGoal(f.deps, f.as('lisi'), { personId: 'liuyi', salesFen: 10_000_000, newClients: 3, month: '2027-01', note: null }))).toBe('ok');
      const overview = unwrap(await listGoals(f.deps, f.as('lisi')));
      expect(overview.team?.map((m) => m.person.id)).toContain('liuyi');
    });
  });
});
