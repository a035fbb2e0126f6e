import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decideApproval, listApprovals } from '../../src/core/approvals/decide.ts';
import { setDelegate } from '../../src/core/approvals/delegate.ts';
import { escalateWaitingApprovals } from '../../src/core/approvals/escalate.ts';
import { draftContract } from '../../src/core/contracts/draft-contract.ts';
import { recordPayment } from '../../src/core/contracts/record-payment.ts';
import { showContract } from '../../src/core/contracts/show-contract.ts';
import { signContract } from '../../src/core/contracts/sign-contract.ts';
import { submitContract } from '../../src/core/contracts/submit-contract.ts';
import type { ContractTerms } from '../../src/core/contracts/types.ts';
import type { Grade } from '../../src/core/ports.ts';
import { loseDeal } from '../../src/core/deals/lose-deal.ts';
import { updateClient } from '../../src/core/clients/update-client.ts';
import { decideGrade } from '../../src/core/clients/confirm-grade.ts';
import type { Notice } from '../../src/core/notices.ts';
import { contractsRepo } from '../../src/store/contracts-repo.ts';
import { paymentsRepo } from '../../src/store/payments-repo.ts';
import { paymentsDueJob } from '../../src/core/reminders/payments-due.ts';
import { botFixture, type BotFixture } from '../support/bot-fixture.ts';
import { backends } from '../support/test-database.ts';

const GOOD: ContractTerms = {
  amountFen: 50_000_000,
  deliveryDate: '2026-12-20',
  paymentMethod: '银行转账',
  termDays: 45,
  penaltyBp: 500,
  signMethod: 'esign',
};

describe.each(backends)('contracts and payments on $name', (backend) => {
  let f: BotFixture;
  let seq = 0;
  beforeAll(async () => {
    f = await botFixture(backend);
  });
  afterAll(() => f.close());

  /** A company and a deal at `stage`, inserted directly (the deals feature is another branch). */
  async function dealFor(options: { owner?: string; region?: string; stage?: number; grade?: Grade | null; companyId?: number } = {}) {
    const owner = options.owner ?? 'zhangsan';
    const region = options.region ?? '华东';
    const now = f.clock.now();
    let companyId = options.companyId;
    if (companyId === undefined) {
      seq++;
      const company = await f.database.db
        .insertInto('companies')
        .values({ name: `测试客户${seq}`, norm_name: `测试客户${seq}`, region, owner_id: owner, size: '200人', position: '龙头', grade: options.grade ?? null, created_at: now })
        .returning('id')
        .executeTakeFirstOrThrow();
      companyId = company.id;
    }
    const deal = await f.database.db
      .insertInto('deals')
      .values({ company_id: companyId, owner_id: owner, region, stage: options.stage ?? 4, status: 'open', amount_fen: null, created_at: now, updated_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    return { dealId: deal.id, companyId };
  }

  /** A good draft of the deal's contract, sent to legal. */
  async function draftAndSubmit(dealId: number, owner = 'zhangsan', terms: ContractTerms = GOOD) {
    const drafted = await draftContract(f.deps, f.as(owner), { dealId, terms });
    if (!drafted.ok) throw new Error(drafted.code);
    const submitted = await submitContract(f.deps, f.as(owner), drafted.value.contract.id);
    if (!submitted.ok) throw new Error(submitted.code);
    return { id: drafted.value.contract.id, submitted };
  }

  async function approvedContract(options: Parameters<typeof dealFor>[0] = {}, terms: ContractTerms = GOOD) {
    const { dealId, companyId } = await dealFor(options);
    const { id, submitted } = await draftAndSubmit(dealId, options.owner ?? 'zhangsan', terms);
    const decided = await decideApproval(f.deps, f.as('luming'), { requestId: submitted.value.contract.approvalId!, decision: 'approve', reason: null });
    if (!decided.ok) throw new Error(decided.code);
    return { dealId, companyId, contractId: id };
  }

  const contractCount = async () => Number((await f.database.db.selectFrom('contracts').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  const outboxTo = async (personId: string) =>
    (await f.database.db.selectFrom('outbox').selectAll().where('person_id', '=', personId).orderBy('id').execute()).map((r) => r.notice);

  it('names a term over 60 days, a penalty other than 5% and a past delivery date at once, and stores nothing (CON-1)', async () => {
    const { dealId } = await dealFor();
    const before = await contractCount();
    const r = await draftContract(f.deps, f.as('zhangsan'), { dealId, terms: { ...GOOD, termDays: 90, penaltyBp: 1000, deliveryDate: '2026-11-01' } });
    expect(r).toEqual({
      ok: false,
      code: 'contract_terms_broken',
      details: { deal: dealId, count: 3, termDays: 90, maxDays: 60, penalty: '10', policyPenalty: '5', delivery: '2026-11-01', today: '2026-11-26' },
    });
    expect(await contractCount()).toBe(before);
  });

  it('names missing terms together with the breaches of those given', async () => {
    const { dealId } = await dealFor();
    const r = await draftContract(f.deps, f.as('zhangsan'), { dealId, terms: { amountFen: 100_00, termDays: 61 } });
    expect(r.ok ? null : r.details).toEqual({ deal: dealId, count: 5, missing: 'delivery,method,penalty,sign', termDays: 61, maxDays: 60 });
  });

  it('drafts a contract that keeps to the policy, due the term after delivery', async () => {
    const { dealId } = await dealFor();
    const r = await draftContract(f.deps, f.as('zhangsan'), { dealId, terms: GOOD });
    expect(r.ok && r.value.contract).toMatchObject({ status: 'draft', dealId, amountFen: 50_000_000, termDays: 45, penaltyBp: 500, dueDate: '2027-02-03' });
  });

  it('refuses a deal not at negotiation, naming its stage', async () => {
    const { dealId } = await dealFor({ stage: 3 });
    const r = await draftContract(f.deps, f.as('zhangsan'), { dealId, terms: GOOD });
    expect(r).toEqual({ ok: false, code: 'deal_not_negotiating', details: { id: dealId, stage: 3, status: 'open' } });
  });

  it('lets only the owner, the account manager and the managers draft', async () => {
    const { dealId } = await dealFor();
    const stranger = await draftContract(f.deps, f.as('zhaoliu'), { dealId, terms: GOOD });
    expect(stranger).toEqual({ ok: false, code: 'not_contract_insider', details: { owner: '张三' } });
    expect((await draftContract(f.deps, f.as('lisi'), { dealId, terms: GOOD })).ok).toBe(true);
  });

  it('sends a submitted contract to legal with its terms; legal approves it (CON-2)', async () => {
    const { dealId } = await dealFor();
    const drafted = await draftContract(f.deps, f.as('zhangsan'), { dealId, terms: GOOD });
    if (!drafted.ok) throw new Error(drafted.code);
    const submitted = await submitContract(f.deps, f.as('zhangsan'), drafted.value.contract.id);
    if (!submitted.ok) throw new Error(submitted.code);
    expect(submitted.value.contract.status).toBe('in_review');
    expect(submitted.value.approverName).toBe('陆明');
    const approvalId = submitted.value.contract.approvalId!;
    expect((await outboxTo('luming')).at(-1)).toMatchObject({
      kind: 'approval_requested',
      requestId: approvalId,
      approvalKind: 'contract',
      amountFen: 50_000_000,
      contract: { contractId: drafted.value.contract.id, termDays: 45, penaltyPercent: '5', delivery: '2026-12-20' },
    });
    const waiting = await listApprovals(f.deps, f.as('luming'));
    expect(waiting.ok && waiting.value.waitingOnMe.map((r) => r.id)).toContain(approvalId);
    expect((await submitContract(f.deps, f.as('zhangsan'), drafted.value.contract.id)).ok).toBe(false);

    expect((await decideApproval(f.deps, f.as('luming'), { requestId: approvalId, decision: 'approve', reason: null })).ok).toBe(true);
    const card = await showContract(f.deps, f.as('zhangsan'), drafted.value.contract.id);
    expect(card.ok && card.value.contract.status).toBe('approved');
  });

  it('checks the terms again on submit: a delivery date that has passed since, or a term the policy now forbids, is refused with every breach (CON-1)', async () => {
    const { dealId } = await dealFor();
    const drafted = await draftContract(f.deps, f.as('zhangsan'), { dealId, terms: { ...GOOD, deliveryDate: '2026-11-30' } });
    if (!drafted.ok) throw new Error(drafted.code);
    const id = drafted.value.contract.id;
    const stricter = { ...f.deps, policy: { ...f.deps.policy, contracts: { ...f.deps.policy.contracts, maxPaymentTermDays: 30 } } };
    f.clock.set('2026-12-01T10:00:00+08:00');
    try {
      const r = await submitContract(stricter, f.as('zhangsan'), id);
      expect(r).toEqual({ ok: false, code: 'contract_terms_broken', details: { deal: dealId, count: 2, termDays: 45, maxDays: 30, delivery: '2026-11-30', today: '2026-12-01' } });
      const row = await f.database.db.selectFrom('contracts').select(['status', 'approval_id']).where('id', '=', id).executeTakeFirstOrThrow();
      expect(row).toEqual({ status: 'draft', approval_id: null });
    } finally {
      f.clock.set('2026-11-26T10:00:00+08:00');
    }
  });

  it("returns a contract legal rejects with legal's comment; corrected, it goes to review again", async () => {
    const { dealId } = await dealFor();
    const { id, submitted } = await draftAndSubmit(dealId);
    await decideApproval(f.deps, f.as('luming'), { requestId: submitted.value.contract.approvalId!, decision: 'reject', reason: '交付条款需写明验收标准' });
    const returned = await showContract(f.deps, f.as('zhangsan'), id);
    expect(returned.ok && returned.value.contract).toMatchObject({ status: 'returned', reviewComment: '交付条款需写明验收标准' });

    const corrected = await draftContract(f.deps, f.as('zhangsan'), { dealId, terms: { termDays: 30 } });
    expect(corrected.ok && corrected.value).toMatchObject({ corrected: true, contract: { id, status: 'draft', termDays: 30, dueDate: '2027-01-19', amountFen: 50_000_000 } });
    const again = await submitContract(f.deps, f.as('zhangsan'), id);
    expect(again.ok && again.value.contract.status).toBe('in_review');
  });

  it.runIf(backend.name === 'postgres')('refuses a correction of a draft that another transaction sends to review at the same moment, and overwrites nothing', async () => {
    const { dealId } = await dealFor();
    const drafted = await draftContract(f.deps, f.as('zhangsan'), { dealId, terms: GOOD });
    if (!drafted.ok) throw new Error(drafted.code);
    const id = drafted.value.contract.id;
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const other = f.database.db.transaction().execute(async (trx) => {
      await trx.updateTable('contracts').set({ status: 'in_review' }).where('id', '=', id).execute();
      await held;
    });
    await new Promise((r) => setTimeout(r, 200));
    const ours = draftContract(f.deps, f.as('zhangsan'), { dealId, terms: { termDays: 30 } });
    await new Promise((r) => setTimeout(r, 300));
    release();
    await other;
    expect(await ours).toEqual({ ok: false, code: 'contract_in_progress', details: { id, status: 'in_review' } });
    const row = await f.database.db.selectFrom('contracts').select(['status', 'term_days']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'in_review', term_days: 45 });
  });

  it('refuses to sign a contract legal has not approved (PIPE-4)', async () => {
    const { dealId } = await dealFor();
    const drafted = await draftContract(f.deps, f.as('zhangsan'), { dealId, terms: GOOD });
    if (!drafted.ok) throw new Error(drafted.code);
    const r = await signContract(f.deps, f.as('zhangsan'), drafted.value.contract.id);
    expect(r).toEqual({ ok: false, code: 'contract_not_approved', details: { id: drafted.value.contract.id, status: 'draft' } });
  });

  it("signing wins the deal, makes the company a customer and fixes the new-client reward by grade; a second contract is no new client (INC-1)", async () => {
    const first = await approvedContract({ grade: 'B' });
    const signed = await signContract(f.deps, f.as('zhangsan'), first.contractId);
    expect(signed.ok && signed.value).toMatchObject({ ownerName: '张三', contract: { status: 'signed', newClient: true, rewardFen: 1_000_000 } });
    const deal = await f.database.db.selectFrom('deals').selectAll().where('id', '=', first.dealId).executeTakeFirstOrThrow();
    expect(deal).toMatchObject({ stage: 5, status: 'won' });
    expect(deal.closed_at).not.toBeNull();
    const company = await f.database.db.selectFrom('companies').select('customer_since').where('id', '=', first.companyId).executeTakeFirstOrThrow();
    expect(company.customer_since).not.toBeNull();

    const second = await approvedContract({ companyId: first.companyId });
    const again = await signContract(f.deps, f.as('zhangsan'), second.contractId);
    expect(again.ok && again.value.contract).toMatchObject({ newClient: false, rewardFen: 0 });
    const audit = await f.database.db.selectFrom('audit_log').select('action').where('subject_type', '=', 'contract').where('subject_id', '=', String(second.contractId)).execute();
    expect(audit.map((a) => a.action)).toContain('contract.sign');
  });

  it("signing by someone else records the deal won in the audit log and tells the owner, as the deals feature does", async () => {
    const c = await approvedContract();
    expect((await signContract(f.deps, f.as('lisi'), c.contractId)).ok).toBe(true);
    const audit = await f.database.db.selectFrom('audit_log').select(['action', 'actor_id']).where('subject_type', '=', 'deal').where('subject_id', '=', String(c.dealId)).execute();
    expect(audit).toEqual([{ action: 'deal.won', actor_id: 'lisi' }]);
    expect((await outboxTo('zhangsan')).at(-1)).toMatchObject({ kind: 'deal_changed', dealId: c.dealId, change: 'won', stage: 5, by: '李四' });
  });

  it('rewards an ungraded new client as grade C', async () => {
    const c = await approvedContract({ grade: null });
    const signed = await signContract(f.deps, f.as('zhangsan'), c.contractId);
    expect(signed.ok && signed.value.contract.rewardFen).toBe(500_000);
  });

  it("tells the regional and department managers once when a region's third new A client this quarter signs (INC-2)", async () => {
    const fund = async () => (await f.database.db.selectFrom('outbox').select(['person_id', 'notice']).execute()).filter((r) => r.notice.kind === 'travel_fund_earned' && r.notice.region === '华南');
    for (let i = 0; i < 2; i++) {
      const c = await approvedContract({ owner: 'wujiu', region: '华南', grade: 'A' });
      expect((await signContract(f.deps, f.as('wujiu'), c.contractId)).ok).toBe(true);
    }
    expect(await fund()).toEqual([]);
    const third = await approvedContract({ owner: 'wujiu', region: '华南', grade: 'A' });
    const signed = await signContract(f.deps, f.as('wujiu'), third.contractId);
    expect(signed.ok && signed.value.contract.rewardFen).toBe(1_500_000);
    expect((await fund()).map((r) => r.person_id).sort()).toEqual(['wangwu', 'zhouba']);
    expect((await fund())[0]?.notice).toMatchObject({ count: 3, target: 3, quarter: '2026Q4', amountFen: 2_000_000 });
    const fourth = await approvedContract({ owner: 'wujiu', region: '华南', grade: 'A' });
    await signContract(f.deps, f.as('wujiu'), fourth.contractId);
    expect(await fund()).toHaveLength(2);
  });

  it("losing a deal cancels its contract under review and withdraws legal's review: the card closes, legal is told, nothing can be approved or signed (PIPE-1)", async () => {
    const { dealId } = await dealFor();
    const { id, submitted } = await draftAndSubmit(dealId);
    const approvalId = submitted.value.contract.approvalId!;

    const lost = await loseDeal(f.deps, f.as('lisi'), { dealId, reason: '客户预算取消' });
    expect(lost.ok).toBe(true);
    const contract = await f.database.db.selectFrom('contracts').select('status').where('id', '=', id).executeTakeFirstOrThrow();
    expect(contract.status).toBe('cancelled');
    const approval = await f.database.db.selectFrom('approval_requests').select('status').where('id', '=', approvalId).executeTakeFirstOrThrow();
    expect(approval.status).toBe('withdrawn');
    const toLegal = await f.database.db.selectFrom('outbox').select(['notice']).where('person_id', '=', 'luming').orderBy('id').execute();
    expect(toLegal.map((r) => r.notice)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'approval_card_closed', requestId: approvalId, outcome: 'withdrawn', by: '李四', requester: '张三' }),
        expect.objectContaining({ kind: 'approval_decided', requestId: approvalId, outcome: 'withdrawn' }),
      ]),
    );
    const decided = await decideApproval(f.deps, f.as('luming'), { requestId: approvalId, decision: 'approve', reason: null });
    expect(decided.ok ? null : decided.code).toBe('already_decided');
    const signed = await signContract(f.deps, f.as('zhangsan'), id);
    expect(signed.ok ? null : signed.code).toBe('contract_not_approved');
  });

  it('losing a deal cancels its approved contract, which can then not be signed or paid', async () => {
    const c = await approvedContract();
    expect((await loseDeal(f.deps, f.as('zhangsan'), { dealId: c.dealId, reason: '选了竞品' })).ok).toBe(true);
    const signed = await signContract(f.deps, f.as('zhangsan'), c.contractId);
    expect(signed).toEqual({ ok: false, code: 'contract_not_approved', details: { id: c.contractId, status: 'cancelled' } });
    const paid = await recordPayment(f.deps, f.as('qianhui'), { contractId: c.contractId, amountFen: 100, paidOn: null });
    expect(paid.ok ? null : paid.code).toBe('contract_not_signed');
  });

  it('submits and signs only while the deal is open at negotiation', async () => {
    const draft = await dealFor();
    const drafted = await draftContract(f.deps, f.as('zhangsan'), { dealId: draft.dealId, terms: GOOD });
    if (!drafted.ok) throw new Error(drafted.code);
    await f.database.db.updateTable('deals').set({ status: 'lost' }).where('id', '=', draft.dealId).execute();
    const submitted = await submitContract(f.deps, f.as('zhangsan'), drafted.value.contract.id);
    expect(submitted).toEqual({ ok: false, code: 'deal_not_negotiating', details: { id: draft.dealId, stage: 4, status: 'lost' } });

    const c = await approvedContract();
    await f.database.db.updateTable('deals').set({ status: 'lost' }).where('id', '=', c.dealId).execute();
    const signed = await signContract(f.deps, f.as('zhangsan'), c.contractId);
    expect(signed).toEqual({ ok: false, code: 'deal_not_negotiating', details: { id: c.dealId, stage: 4, status: 'lost' } });
  });

  it.runIf(backend.name === 'postgres')("tells the managers of the travel fund when the region's second and third new A clients sign at the same moment (INC-2)", async () => {
    const fund = async () => (await f.database.db.selectFrom('outbox').select(['person_id', 'notice']).execute()).filter((r) => r.notice.kind === 'travel_fund_earned' && r.notice.region === '华北');
    const first = await approvedContract({ owner: 'chener', region: '华北', grade: 'A' });
    expect((await signContract(f.deps, f.as('chener'), first.contractId)).ok).toBe(true);
    const second = await approvedContract({ owner: 'chener', region: '华北', grade: 'A' });
    const third = await approvedContract({ owner: 'chener', region: '华北', grade: 'A' });
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    // The second signing, half done: signed and counted (2 of 3), not committed yet.
    const other = f.database.db.transaction().execute(async (trx) => {
      await trx.updateTable('contracts').set({ status: 'signed', signed_at: f.clock.now(), new_client: true, reward_fen: 0 }).where('id', '=', second.contractId).execute();
      await contractsRepo(trx).holdRegionQuarter('华北', '2026Q4');
      await held;
    });
    await new Promise((r) => setTimeout(r, 200));
    const ours = signContract(f.deps, f.as('chener'), third.contractId);
    await new Promise((r) => setTimeout(r, 300));
    release();
    await other;
    expect((await ours).ok).toBe(true);
    expect((await fund()).map((r) => r.person_id).sort()).toEqual(['fengyi', 'wangwu']);
    expect((await fund())[0]?.notice).toMatchObject({ count: 3, target: 3, quarter: '2026Q4' });
  });

  it.runIf(backend.name === 'postgres')('refuses a payment dated in a month finance is locking at the same moment', async () => {
    f.clock.set('2026-09-01T10:00:00+08:00'); // signed before the month being locked
    const c = await approvedContract({}, { ...GOOD, amountFen: 1_000_000 });
    await signContract(f.deps, f.as('zhangsan'), c.contractId);
    f.clock.set('2026-11-26T10:00:00+08:00');
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    // Finance's lock, half done: the month held, the lock written, not committed yet.
    const locking = f.database.db.transaction().execute(async (trx) => {
      await paymentsRepo(trx).holdMonth('2026-09');
      await trx.insertInto('finance_locks').values({ month: '2026-09', locked_by: 'qianhui', locked_at: new Date() }).execute();
      await held;
    });
    await new Promise((r) => setTimeout(r, 200));
    const ours = recordPayment(f.deps, f.as('zhangsan'), { contractId: c.contractId, amountFen: 100, paidOn: '2026-09-30' });
    await new Promise((r) => setTimeout(r, 300));
    release();
    await locking;
    expect(await ours).toEqual({ ok: false, code: 'month_locked', details: { month: '2026-09' } });
    const payments = await f.database.db.selectFrom('payments').select('id').where('contract_id', '=', c.contractId).execute();
    expect(payments).toEqual([]);
  });

  it('never writes a payment into a locked month, whatever the route: the store refuses it when the use case is skipped (KPI-3)', async () => {
    const c = await approvedContract({}, { ...GOOD, amountFen: 1_000_000 });
    await signContract(f.deps, f.as('zhangsan'), c.contractId);
    await f.database.db.insertInto('finance_locks').values({ month: '2026-08', locked_by: 'qianhui', locked_at: f.clock.now() }).onConflict((oc) => oc.column('month').doNothing()).execute();
    const direct = paymentsRepo(f.database.db).insert({ contractId: c.contractId, amountFen: 100, paidOn: '2026-08-15', recordedBy: 'zhangsan', recordedAt: f.clock.now() });
    await expect(direct).rejects.toThrow(/locked/);
    const ok = await paymentsRepo(f.database.db).insert({ contractId: c.contractId, amountFen: 100, paidOn: '2026-11-26', recordedBy: 'zhangsan', recordedAt: f.clock.now() });
    expect(ok).toMatchObject({ amountFen: 100, paidOn: '2026-11-26' });
    const payments = await f.database.db.selectFrom('payments').select('paid_on').where('contract_id', '=', c.contractId).execute();
    expect(payments.map((p) => p.paid_on)).toEqual(['2026-11-26']);
  });

  it('records payments against signed contracts only, within what is outstanding, never ahead or in a locked month (CON-3)', async () => {
    f.clock.set('2026-10-15T10:00:00+08:00');
    const c = await approvedContract({}, { ...GOOD, amountFen: 10_000_000 });
    const notSigned = await recordPayment(f.deps, f.as('qianhui'), { contractId: c.contractId, amountFen: 100, paidOn: null });
    expect(notSigned.ok ? null : notSigned.code).toBe('contract_not_signed');
    await signContract(f.deps, f.as('zhangsan'), c.contractId);
    f.clock.set('2026-11-26T10:00:00+08:00');
    const early = await recordPayment(f.deps, f.as('qianhui'), { contractId: c.contractId, amountFen: 100, paidOn: '2026-10-14' });
    expect(early).toEqual({ ok: false, code: 'payment_before_signing', details: { id: c.contractId, date: '2026-10-14', signed: '2026-10-15' } });

    const first = await recordPayment(f.deps, f.as('qianhui'), { contractId: c.contractId, amountFen: 6_000_000, paidOn: null });
    expect(first.ok && first.value).toMatchObject({ receivedFen: 6_000_000, outstandingFen: 4_000_000, paidInFull: false, payment: { paidOn: '2026-11-26' } });
    expect((await outboxTo('zhangsan')).at(-1)).toMatchObject({ kind: 'payment_recorded', contractId: c.contractId, amountFen: 6_000_000, by: '钱慧' });

    const over = await recordPayment(f.deps, f.as('zhangsan'), { contractId: c.contractId, amountFen: 5_000_000, paidOn: null });
    expect(over).toEqual({ ok: false, code: 'payment_over_amount', details: { id: c.contractId, outstandingFen: 4_000_000, amountFen: 5_000_000 } });
    const future = await recordPayment(f.deps, f.as('zhangsan'), { contractId: c.contractId, amountFen: 100, paidOn: '2026-11-27' });
    expect(future.ok ? null : future.code).toBe('payment_date_future');
    await f.database.db.insertInto('finance_locks').values({ month: '2026-10', locked_by: 'qianhui', locked_at: f.clock.now() }).execute();
    const locked = await recordPayment(f.deps, f.as('zhangsan'), { contractId: c.contractId, amountFen: 100, paidOn: '2026-10-31' });
    expect(locked).toEqual({ ok: false, code: 'month_locked', details: { month: '2026-10' } });
    const stranger = await recordPayment(f.deps, f.as('zhaoliu'), { contractId: c.contractId, amountFen: 100, paidOn: null });
    expect(stranger).toEqual({ ok: false, code: 'not_payment_recorder', details: { id: c.contractId, owner: '张三' } });

    const rest = await recordPayment(f.deps, f.as('zhangsan'), { contractId: c.contractId, amountFen: 4_000_000, paidOn: '2026-11-25' });
    expect(rest.ok && rest.value).toMatchObject({ receivedFen: 10_000_000, outstandingFen: 0, paidInFull: true });
    expect((await outboxTo('qianhui')).at(-1)).toMatchObject({ kind: 'payment_recorded', by: '张三', paidInFull: true });
    const payments = await f.database.db.selectFrom('payments').select('amount_fen').where('contract_id', '=', c.contractId).execute();
    expect(payments.map((p) => Number(p.amount_fen))).toEqual([6_000_000, 4_000_000]);
  });

  it("refuses a decision by the approver's delegate when the delegate is the requester: nobody approves their own contract", async () => {
    const { dealId } = await dealFor();
    const drafted = await draftContract(f.deps, f.as('zhangsan'), { dealId, terms: GOOD });
    if (!drafted.ok) throw new Error(drafted.code);
    const submitted = await submitContract(f.deps, f.as('zhangsan'), drafted.value.contract.id);
    if (!submitted.ok) throw new Error(submitted.code);
    // A salesperson cannot stand in for legal at all (/delegate refuses it); a delegation stored before that rule still decides nothing of their own.
    expect(await setDelegate(f.deps, f.as('luming'), { delegateId: 'zhangsan', until: '2026-11-30' })).toEqual({ ok: false, code: 'delegate_cannot_approve', details: { name: '张三', role: 'sales' } });
    await f.database.db.insertInto('delegations').values({ person_id: 'luming', delegate_id: 'zhangsan', until: '2026-11-30', created_at: f.clock.now() }).execute();
    const own = await decideApproval(f.deps, f.as('zhangsan'), { requestId: submitted.value.contract.approvalId!, decision: 'approve', reason: null });
    expect(own).toEqual({ ok: false, code: 'not_your_step', details: { id: submitted.value.contract.approvalId!, approver: '陆明' } });
    await f.database.db.deleteFrom('delegations').where('person_id', '=', 'luming').execute();
    expect((await decideApproval(f.deps, f.as('luming'), { requestId: submitted.value.contract.approvalId!, decision: 'reject', reason: '测试' })).ok).toBe(true);
  });

  // Last in this block: it escalates every contract review still waiting.
  it('escalates a waiting contract review only to another person in legal, with the terms on the card; with no other legal it stays (CON-2)', async () => {
    const { dealId } = await dealFor();
    const drafted = await draftContract(f.deps, f.as('zhangsan'), { dealId, terms: GOOD });
    if (!drafted.ok) throw new Error(drafted.code);
    const submitted = await submitContract(f.deps, f.as('zhangsan'), drafted.value.contract.id);
    if (!submitted.ok) throw new Error(submitted.code);
    const approvalId = submitted.value.contract.approvalId!;
    const approver = async () => (await f.database.db.selectFrom('approval_steps').select('approver_id').where('request_id', '=', approvalId).executeTakeFirstOrThrow()).approver_id;
    try {
      f.clock.set('2026-12-01T10:00:00+08:00'); // the third working day
      await escalateWaitingApprovals(f.deps);
      expect(await approver()).toBe('luming'); // the department manager above legal is not legal

      await f.database.db.insertInto('people').values({ id: 'legal2', name: '法务二', role: 'legal', region: '华东', manager_id: 'wangwu', slack_id: null, feishu_id: null, locale: null, monthly_salary_fen: null, updated_at: new Date() }).execute();
      await escalateWaitingApprovals(f.deps);
      expect(await approver()).toBe('legal2');
      expect((await outboxTo('legal2')).filter((n) => n.kind === 'approval_requested' && n.requestId === approvalId)).toEqual([
        expect.objectContaining({ contract: expect.objectContaining({ contractId: drafted.value.contract.id, termDays: 45, penaltyPercent: '5', delivery: '2026-12-20' }) }),
      ]);
      expect((await outboxTo('wangwu')).filter((n) => n.kind === 'approval_requested' && n.requestId === approvalId)).toEqual([]);
    } finally {
      await f.database.db.updateTable('people').set({ active: false }).where('id', '=', 'legal2').execute();
      f.clock.set('2026-11-26T10:00:00+08:00');
    }
  });

  describe('the grade that pays (CLI-1, INC-1, INC-2)', () => {
    const nameOf = async (companyId: number) => (await f.database.db.selectFrom('companies').select('name').where('id', '=', companyId).executeTakeFirstOrThrow()).name;
    const raise = (company: string, by = 'zhangsan') =>
      updateClient(f.deps, f.as(by), { company, annualPurchaseFen: 600_000_000, grade: null, reason: null, accountManagerId: null });
    const cardFor = async (company: string) =>
      (await outboxTo('lisi')).find((n): n is Extract<Notice, { kind: 'grade_confirmation' }> => n.kind === 'grade_confirmation' && n.company === company)!;
    const fundIn = async (region: string) =>
      (await f.database.db.selectFrom('outbox').select(['person_id', 'notice']).execute()).filter((r) => r.notice.kind === 'travel_fund_earned' && r.notice.region === region);

    it("pays the confirmed grade when the owner types purchase:600万 just before signing: 1% of a C client, not 3%, and no A-class count for the travel fund", async () => {
      const c = await approvedContract({ grade: 'C' });
      const company = await nameOf(c.companyId);
      const raised = await raise(company);
      expect(raised.ok && raised.value.company.grade).toBe('C');
      const signed = await signContract(f.deps, f.as('zhangsan'), c.contractId);
      expect(signed.ok && signed.value).toMatchObject({ grade: 'C', rewardPercent: 1, contract: { rewardFen: 500_000, newClient: true } });
      const quarter = { from: new Date('2026-09-30T16:00:00Z'), to: new Date('2026-12-31T16:00:00Z') };
      expect(await f.deps.store.direct((tx) => tx.contracts.newAClientsSigned('华东', quarter.from, quarter.to))).toBe(0);
    });

    it('pays the raised grade once the regional manager confirmed it before signing', async () => {
      const c = await approvedContract({ grade: 'C' });
      const company = await nameOf(c.companyId);
      await raise(company);
      const confirmed = await decideGrade(f.deps, f.as('lisi'), { company, changeId: (await cardFor(company)).changeId, confirm: true });
      expect(confirmed.ok).toBe(true);
      const signed = await signContract(f.deps, f.as('zhangsan'), c.contractId);
      expect(signed.ok && signed.value).toMatchObject({ grade: 'A', rewardPercent: 3, contract: { rewardFen: 1_500_000 } });
    });

    it.runIf(backend.name === 'postgres')("announces the travel fund once when the region's third new A client is confirmed while its contract is being signed (INC-2)", async () => {
      // 华东 is brought to two new A clients this quarter, one short of the travel fund.
      const quarter = { from: new Date('2026-09-30T16:00:00Z'), to: new Date('2026-12-31T16:00:00Z') };
      const signedA = () => f.deps.store.direct((tx) => tx.contracts.newAClientsSigned('华东', quarter.from, quarter.to));
      while ((await signedA()) < 2) {
        const more = await approvedContract({ grade: 'A' });
        expect((await signContract(f.deps, f.as('zhangsan'), more.contractId)).ok).toBe(true);
      }
      expect(await fundIn('华东')).toEqual([]);
      const third = await approvedContract({ grade: 'C' });
      const company = await nameOf(third.companyId);
      await raise(company);
      const card = await cardFor(company);
      const [signed, confirmed] = await Promise.all([
        signContract(f.deps, f.as('zhangsan'), third.contractId),
        decideGrade(f.deps, f.as('lisi'), { company, changeId: card.changeId, confirm: true }),
      ]);
      expect(signed.ok && confirmed.ok).toBe(true);
      // Whichever went first, the one that saw both (a new client signed, graded A) told 李四 and 王五, once each.
      expect((await fundIn('华东')).map((r) => r.person_id).sort()).toEqual(['lisi', 'wangwu']);
    });
  });
});

describe.each(backends)('the payments-due job on $name', (backend) => {
  let f: BotFixture;
  beforeAll(async () => {
    f = await botFixture(backend);
  });
  afterAll(() => f.close());

  it('sends each owner and finance one digest, overdue first, and nothing on a second run', async () => {
    const now = f.clock.now();
    const company = await f.database.db
      .insertInto('companies')
      .values({ name: '回款客户', norm_name: '回款客户', region: '华东', owner_id: 'zhangsan', size: '1', position: '1', created_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    const deal = await f.database.db
      .insertInto('deals')
      .values({ company_id: company.id, owner_id: 'zhangsan', region: '华东', stage: 5, status: 'won', amount_fen: null, created_at: now, updated_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    const contract = (due: string, status = 'signed', amount = 1_000_000) =>
      f.database.db
        .insertInto('contracts')
        .values({
          deal_id: deal.id, company_id: company.id, owner_id: 'zhangsan', amount_fen: amount, delivery_date: '2026-10-01', payment_method: '转账',
          term_days: 30, penalty_bp: 500, sign_method: 'paper', status, due_date: due, created_at: now, updated_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
    const soon = await contract('2026-11-28');
    const overdue = await contract('2026-11-20');
    await contract('2026-12-15'); // not yet near
    await contract('2026-11-20', 'approved'); // not signed
    const paid = await contract('2026-11-20');
    await f.database.db.insertInto('payments').values({ contract_id: paid.id, amount_fen: 1_000_000, paid_on: '2026-11-10', recorded_by: 'qianhui', recorded_at: now }).execute();

    const at = new Date('2026-11-26T09:30:00+08:00');
    const first = await paymentsDueJob(f.deps, at);
    expect(first).toEqual({ queued: 2, skipped: null });
    const notices = await f.database.db.selectFrom('outbox').select(['person_id', 'notice']).orderBy('id').execute();
    expect(notices.map((n) => n.person_id)).toEqual(['zhangsan', 'qianhui']);
    expect(notices[0]?.notice).toEqual({
      kind: 'payments_due',
      scope: 'mine',
      items: [
        { contractId: overdue.id, company: '回款客户', outstandingFen: 1_000_000, due: '2026-11-20', overdueDays: 6 },
        { contractId: soon.id, company: '回款客户', outstandingFen: 1_000_000, due: '2026-11-28', overdueDays: 0 },
      ],
    });
    expect(notices[1]?.notice).toMatchObject({ scope: 'all' });
    expect(await paymentsDueJob(f.deps, new Date('2026-11-26T11:00:00+08:00'))).toEqual({ queued: 0, skipped: null });
    expect(await paymentsDueJob(f.deps, new Date('2026-11-28T09:30:00+08:00'))).toEqual({ queued: 0, skipped: 'not_working_day' });
  });
});
