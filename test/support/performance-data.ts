import type { Kysely } from 'kysely';
import type { Database } from '../../src/store/database.ts';

/**
 * Rows the deals, contracts and leads commands will write, inserted directly:
 * the performance review only reads them.
 */
export async function addCompany(db: Kysely<Database>, name: string, ownerId: string, region: string, grade: 'A' | 'B' | 'C' | null = null): Promise<number> {
  const row = await db
    .insertInto('companies')
    .values({ name, norm_name: name.toLowerCase(), credit_code: null, region, owner_id: ownerId, size: '100人', position: '行业前十', source: null, account_manager_id: null, annual_purchase_fen: null, grade, created_at: new Date('2026-06-01T00:00:00Z') })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function addLead(db: Kysely<Database>, companyId: number, reporterId: string, workDate: string): Promise<void> {
  await db.insertInto('leads').values({ company_id: companyId, reporter_id: reporterId, work_date: workDate, reported_at: new Date(`${workDate}T02:00:00Z`) }).execute();
}

/** A signed contract (and the won deal behind it). */
export async function addContract(
  db: Kysely<Database>,
  c: { companyId: number; ownerId: string; region: string; yuan: number; signedAt: string; due: string; newClient: boolean },
): Promise<number> {
  const at = new Date(c.signedAt);
  const deal = await db
    .insertInto('deals')
    .values({ company_id: c.companyId, owner_id: c.ownerId, region: c.region, stage: 5, status: 'won', amount_fen: c.yuan * 100, created_at: at, updated_at: at })
    .returning('id')
    .executeTakeFirstOrThrow();
  const row = await db
    .insertInto('contracts')
    .values({
      deal_id: deal.id,
      company_id: c.companyId,
      owner_id: c.ownerId,
      amount_fen: c.yuan * 100,
      delivery_date: c.due,
      payment_method: '银行转账',
      term_days: 0,
      penalty_bp: 500,
      sign_method: 'esign',
      status: 'signed',
      due_date: c.due,
      signed_at: at,
      new_client: c.newClient,
      reward_fen: null,
      created_at: at,
      updated_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function addPayment(db: Kysely<Database>, contractId: number, yuan: number, paidOn: string): Promise<void> {
  await db.insertInto('payments').values({ contract_id: contractId, amount_fen: yuan * 100, paid_on: paidOn, recorded_by: 'qianhui', recorded_at: new Date(`${paidOn}T03:00:00Z`) }).execute();
}

/**
 * The sample quarter 2026Q3 of 华东:
 * - 张三 signs 600,000 (new client, due 30 Aug; 300,000 paid 20 Aug, 100,000 only on 5 Oct)
 *   and 500,000 at 23:30 on 30 Sep Shanghai time (new A-class client, due in Nov);
 * - 张三's 100,000 at 00:10 on 1 Oct Shanghai time (still 30 Sep in UTC) belongs to Q4;
 * - two companies reported as leads in July, one of them signed.
 * So Q3: sales 1,100,000; 2 new clients (1 A-class); collection 300,000 of 600,000 = 50%.
 */
export async function sampleQuarter(db: Kysely<Database>): Promise<void> {
  const alpha = await addCompany(db, '阿尔法科技', 'zhangsan', '华东', 'B');
  const beta = await addCompany(db, '贝塔制造', 'zhangsan', '华东', 'A');
  const gamma = await addCompany(db, '伽马物流', 'zhangsan', '华东', 'C');
  const delta = await addCompany(db, '德尔塔贸易', 'zhangsan', '华东');
  await addLead(db, alpha, 'zhangsan', '2026-07-10');
  await addLead(db, delta, 'zhangsan', '2026-07-11');
  const a = await addContract(db, { companyId: alpha, ownerId: 'zhangsan', region: '华东', yuan: 600_000, signedAt: '2026-07-15T10:00:00+08:00', due: '2026-08-30', newClient: true });
  await addPayment(db, a, 300_000, '2026-08-20');
  await addPayment(db, a, 100_000, '2026-10-05');
  await addContract(db, { companyId: beta, ownerId: 'zhangsan', region: '华东', yuan: 500_000, signedAt: '2026-09-30T23:30:00+08:00', due: '2026-11-15', newClient: true });
  await addContract(db, { companyId: gamma, ownerId: 'zhangsan', region: '华东', yuan: 100_000, signedAt: '2026-10-01T00:10:00+08:00', due: '2026-12-20', newClient: false });
}
