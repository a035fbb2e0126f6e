import { randomBytes } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import { pino } from 'pino';
import { createBot } from '../src/bot/bot.ts';
import { chinaCalendar } from '../src/calendar/china-calendar.ts';
import { personById } from '../src/core/identity.ts';
import { DEFAULT_POLICY } from '../src/core/policy.ts';
import { quarterlyReviewJob } from '../src/core/reminders/performance-jobs.ts';
import { Keyring } from '../src/crypto/keyring.ts';
import { kyselyStore } from '../src/store/kysely-store.ts';
import { postgresBackend } from '../test/support/test-database.ts';

/**
 * KPI-3..6 on a year of data on the real PostgreSQL: the quarterly review of
 * 1,000 salespeople (the fourth quarter's, with the year's bonus ranking, the
 * first three reviewed before, unmeasured), and `/kpi team` of a regional
 * manager of 200 of them, through the whole bot (grammar, figures, view).
 * Targets: under 2 s and under 500 ms.
 */
const REGIONS = 5;
const PER_REGION = 200;
const PEOPLE = REGIONS * PER_REGION;
/** Leads over 2026: five a salesperson a working day by default (BENCH_REVIEW_LEADS sets fewer). */
const LEADS = Number(process.env.BENCH_REVIEW_LEADS ?? PEOPLE * 5 * 250);
const CONTRACTS_PER_PERSON = 24;
const TEAM_RUNS = 5;

async function seed(db: Kysely<any>) {
  await sql`insert into regions (name) select 'R' || r from generate_series(1, ${REGIONS}) r`.execute(db);
  await sql`insert into people (id, name, role, region) values ('dm', '部门经理', 'department_manager', 'R1'), ('fin', '财务', 'finance', 'R1')`.execute(db);
  await sql`insert into people (id, name, role, region, manager_id) select 'rm' || r, '区域经理' || r, 'regional_manager', 'R' || r, 'dm' from generate_series(1, ${REGIONS}) r`.execute(db);
  await sql`
    insert into people (id, name, role, region, manager_id, monthly_salary_fen)
    select 's' || g, '销售' || g, 'sales', 'R' || (1 + (g - 1) / ${PER_REGION}), 'rm' || (1 + (g - 1) / ${PER_REGION}), 1500000
      from generate_series(1, ${PEOPLE}) g`.execute(db);
  // Leads spread evenly over the year, each its own company.
  await sql`
    insert into companies (name, norm_name, region, owner_id, size, position, created_at)
    select '公司' || g, 'gs' || g, 'R' || (1 + (g % ${PEOPLE}) / ${PER_REGION}), 's' || (1 + g % ${PEOPLE}), '100人', '一般',
           timestamptz '2026-01-01 10:00+08' + ((g - 1) * 365 / ${LEADS}) * interval '1 day'
      from generate_series(1, ${LEADS}) g`.execute(db);
  await sql`
    insert into leads (company_id, reporter_id, work_date, reported_at)
    select id, owner_id, (created_at at time zone 'Asia/Shanghai')::date, created_at from companies`.execute(db);
  // Two signed contracts a person a month, on companies of theirs, and a payment on each.
  const every = Math.max(1, Math.floor(LEADS / (PEOPLE * CONTRACTS_PER_PERSON)));
  await sql`
    insert into deals (company_id, owner_id, region, stage, status, amount_fen, created_at, updated_at, closed_at)
    select id, owner_id, region, 5, 'won', 10000000 + (id % 97) * 100000, created_at, created_at, created_at
      from companies where id % ${every} = 0`.execute(db);
  await sql`
    insert into contracts (deal_id, company_id, owner_id, amount_fen, delivery_date, payment_method, term_days, penalty_bp,
                           sign_method, status, due_date, signed_at, new_client, reward_fen, created_at, updated_at)
    select d.id, d.company_id, d.owner_id, d.amount_fen, (d.created_at + interval '30 days')::date, '银行转账', 30, 500,
           'esign', 'signed', (d.created_at + interval '30 days')::date, d.created_at + interval '1 day', true, 0, d.created_at, d.created_at
      from deals d`.execute(db);
  await sql`
    insert into payments (contract_id, amount_fen, paid_on, recorded_by, recorded_at)
    select id, amount_fen * 8 / 10, least(due_date, date '2026-12-31'), 'fin', signed_at from contracts`.execute(db);
  await sql`
    insert into monthly_goals (person_id, month, sales_target_fen, new_clients_target, set_by, set_at, agreed_at)
    select p.id, '2026-' || lpad(m::text, 2, '0'), 20000000, 2, p.manager_id, timestamptz '2026-01-01', timestamptz '2026-01-02'
      from people p, generate_series(1, 12) m where p.role = 'sales'`.execute(db);
  await sql`insert into finance_locks (month, locked_by, locked_at) select '2026-' || lpad(m::text, 2, '0'), 'fin', now() from generate_series(1, 12) m`.execute(db);
}

export async function benchReview(adminUrl: string) {
  const database = await postgresBackend(adminUrl).open();
  try {
    const db = database.db;
    await db.transaction().execute(async (trx) => {
      await sql`set local statement_timeout = 0`.execute(trx);
      await seed(trx);
    });
    await sql`analyze`.execute(db);
    const count = async (table: string) => Number((await sql<{ n: string }>`select count(*) as n from ${sql.table(table)}`.execute(db)).rows[0]!.n);
    let now = new Date('2026-04-01T10:30:00+08:00');
    const deps = {
      store: kyselyStore(db, new Keyring(randomBytes(32)), { directoryTtlMs: 10_000 }),
      clock: { now: () => now },
      calendar: chinaCalendar(DEFAULT_POLICY.calendar),
      policy: DEFAULT_POLICY,
      timezone: 'Asia/Shanghai',
      defaultLocale: 'zh-CN' as const,
      logger: pino({ level: 'silent' }),
    };
    // The first three quarters are reviewed on their first working day after, unmeasured.
    for (const at of ['2026-04-01T10:30:00+08:00', '2026-07-01T10:30:00+08:00', '2026-10-09T10:30:00+08:00']) {
      now = new Date(at);
      await quarterlyReviewJob(deps, now);
    }
    now = new Date('2027-01-05T10:30:00+08:00');
    const started = performance.now();
    const outcome = await quarterlyReviewJob(deps, now);
    const reviewMs = performance.now() - started;

    now = new Date('2026-12-15T10:30:00+08:00');
    const bot = createBot(deps);
    const manager = await personById(deps, 'rm1');
    const times: number[] = [];
    let shown = '';
    for (let i = 0; i < TEAM_RUNS; i++) {
      const t = performance.now();
      const view = await bot.handleText({ person: manager!, platform: 'console' }, '/kpi team');
      times.push(performance.now() - t);
      shown = JSON.stringify(view);
    }
    if (!shown.includes('销售1')) throw new Error(`/kpi team did not list the region: ${shown.slice(0, 300)}`);
    return {
      people: PEOPLE,
      regions: REGIONS,
      leads: await count('leads'),
      contracts: await count('contracts'),
      payments: await count('payments'),
      quarter: '2026Q4',
      reviewMs,
      queued: outcome.queued,
      teamSize: PER_REGION,
      teamMs: Math.min(...times.slice(1)),
      // The first run reads the directory and plans the statements; a person asking once pays that.
      teamSlowestMs: Math.max(...times),
      teamRuns: TEAM_RUNS,
    };
  } finally {
    await database.close();
  }
}
