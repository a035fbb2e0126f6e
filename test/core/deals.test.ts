import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { updateClient } from '../../src/core/clients/update-client.ts';
import { advanceDeal } from '../../src/core/deals/advance-deal.ts';
import { openDealForm, type DealForm } from '../../src/core/deals/deal-form.ts';
import { listDeals } from '../../src/core/deals/list-deals.ts';
import { loseDeal } from '../../src/core/deals/lose-deal.ts';
import { openDeal } from '../../src/core/deals/open-deal.ts';
import { recordNeeds } from '../../src/core/deals/record-needs.ts';
import { recordProposal } from '../../src/core/deals/record-proposal.ts';
import { reportLead } from '../../src/core/leads/report-lead.ts';
import type { CoreResult } from '../../src/core/ports.ts';
import { translator } from '../../src/i18n/translate.ts';
import { dealRefusalView } from '../../src/views/deal-views.ts';
import { botFixture, type BotFixture } from '../support/bot-fixture.ts';
import { backToCheckpoint, checkpoint } from '../support/reset-database.ts';
import { backends } from '../support/test-database.ts';
import { viewText } from '../support/view-text.ts';

const HUAXIN = '上海华信科技有限公司';
const DONGFANG = '杭州东方电子有限公司';
const ZHAOLIU_CO = '苏州明远机械有限公司';

/** The refusal as the reader reads it, in one language. */
const refusalText = (result: CoreResult<unknown>, locale: 'zh-CN' | 'en'): string => {
  if (result.ok) throw new Error('expected a refusal, got a success');
  return viewText(dealRefusalView(translator(locale), result.code, result.details));
};

const value = <T>(result: CoreResult<T>): T => {
  if (!result.ok) throw new Error(`expected success, got ${result.code} ${JSON.stringify(result.details)}`);
  return result.value;
};

describe.each(backends)('the sales pipeline (PIPE-1..4) on $name', (backend) => {
  let f: BotFixture;
  beforeAll(async () => {
    f = await botFixture(backend);
    const leads: [string, string, string][] = [
      ['zhangsan', HUAXIN, '13812345678'],
      ['zhangsan', DONGFANG, '13812345679'],
      ['zhaoliu', ZHAOLIU_CO, '13812345670'],
    ];
    for (const [who, company, phone] of leads) {
      const saved = await reportLead(f.deps, f.as(who), {
        company,
        contactName: '王经理',
        phone: `+86${phone}`,
        email: null,
        size: '200人',
        position: '区域龙头',
        region: null,
        creditCode: null,
        source: null,
      });
      if (!saved.ok) throw new Error(saved.code);
    }
    await checkpoint(f.database.db);
  });
  // Each test starts from the three clients and no deal, and opens the deals it needs.
  beforeEach(() => backToCheckpoint(f.database.db));
  afterAll(() => f.close());

  const audits = async (action: string, dealId: number) =>
    (await f.database.db.selectFrom('audit_log').select('details').where('action', '=', action).where('subject_id', '=', String(dealId)).execute()).length;
  const dealRow = (id: number) => f.database.db.selectFrom('deals').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const next = (who: string, dealId: number, fromStage: 1 | 2 | 3 | 4 | 5 | null = null) => advanceDeal(f.deps, f.as(who), { dealId, fromStage });

  /** 华信's deal, opened by 张三 and taken through each gate up to `stage`. */
  const dealAt = async (stage: 1 | 2 | 3 | 4): Promise<number> => {
    const id = value(await openDeal(f.deps, f.as('zhangsan'), { company: HUAXIN, amountFen: 50_000_000 })).deal.id;
    if (stage >= 2) value(await next('zhangsan', id));
    if (stage >= 3) {
      const answers = Object.fromEntries([1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((n) => [n, `回答${n}`]));
      value(await recordNeeds(f.deps, f.as('zhangsan'), { dealId: id, answers, method: 'phone' }));
      value(await next('zhangsan', id));
    }
    if (stage >= 4) {
      value(await recordProposal(f.deps, f.as('zhangsan'), { dealId: id, parts: { products: '智能门锁 X1 ×200', pricing: '九折', service: '三年质保' } }));
      value(await next('zhangsan', id));
    }
    return id;
  };
  const SIGNING = new Date('2026-11-26T02:00:00Z');
  /** A contract of the deal, stored as legal review or signing left it. */
  const contractOf = async (dealId: number, status: 'in_review' | 'signed') => {
    const company = await f.database.db.selectFrom('companies').select('id').where('name', '=', HUAXIN).executeTakeFirstOrThrow();
    return f.database.db
      .insertInto('contracts')
      .values({
        deal_id: dealId,
        company_id: company.id,
        owner_id: 'zhangsan',
        amount_fen: 50_000_000,
        delivery_date: '2026-12-31',
        payment_method: '银行转账',
        term_days: 60,
        penalty_bp: 500,
        sign_method: 'esign',
        status,
        due_date: '2027-03-01',
        created_at: SIGNING,
        updated_at: SIGNING,
        ...(status === 'signed' ? { signed_at: SIGNING } : {}),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
  };
  /** 东方's deal, opened by 张三, at stage 1. */
  const dongfangDeal = async () => value(await openDeal(f.deps, f.as('zhangsan'), { company: DONGFANG, amountFen: 10_000_000 })).deal.id;

  it('opens a deal at stage 1 for an existing client, owned by its owner, in its region', async () => {
    const card = value(await openDeal(f.deps, f.as('zhangsan'), { company: '上海华信科技', amountFen: 50_000_000 }));
    const dealId = card.deal.id;
    expect(card.deal).toMatchObject({ companyName: HUAXIN, stage: 1, status: 'open', ownerId: 'zhangsan', region: '华东', amountFen: 50_000_000 });
    expect(card.gate).toEqual({ kind: 'open' });
    expect(await audits('deal.open', dealId)).toBe(1);
  });

  it('refuses a second open deal for the same company, naming the open one', async () => {
    const dealId = await dealAt(1);
    const again = await openDeal(f.deps, f.as('lisi'), { company: HUAXIN, amountFen: null });
    expect(again).toEqual({ ok: false, code: 'deal_open_exists', details: { company: HUAXIN, id: dealId } });
    expect(refusalText(again, 'zh-CN')).toContain(`#${dealId}`);
  });

  it('refuses a deal for an unknown company', async () => {
    expect(await openDeal(f.deps, f.as('zhangsan'), { company: '不存在的公司', amountFen: null })).toEqual({
      ok: false,
      code: 'client_not_found',
      details: { company: '不存在的公司' },
    });
  });

  it('refuses outsiders: a colleague cannot open or move a deal of a client that is not theirs', async () => {
    const dealId = await dealAt(1);
    expect(await openDeal(f.deps, f.as('zhaoliu'), { company: DONGFANG, amountFen: null })).toMatchObject({ ok: false, code: 'not_client_insider' });
    const moved = await next('zhaoliu', dealId);
    expect(moved).toEqual({ ok: false, code: 'not_deal_insider', details: { id: dealId, company: HUAXIN, owner: '张三' } });
    expect(refusalText(moved, 'en')).toContain('张三');
    expect(await next('chener', dealId)).toMatchObject({ ok: false, code: 'not_deal_insider' });
    expect(await next('xxads', dealId)).toMatchObject({ ok: false, code: 'not_deal_insider' });
    expect((await dealRow(dealId)).stage).toBe(1);
  });

  it('says which deal number does not exist', async () => {
    expect(await next('zhangsan', 99_999)).toEqual({ ok: false, code: 'deal_not_found', details: { id: 99_999 } });
  });

  it('moves from initial contact to needs research with nothing required, and audits the change', async () => {
    const dealId = await dealAt(1);
    const card = value(await next('zhangsan', dealId));
    expect(card.deal.stage).toBe(2);
    expect(await audits('deal.stage', dealId)).toBe(1);
  });

  it('refuses to leave needs research without the checklist, naming every question and the method (PIPE-2)', async () => {
    const dealId = await dealAt(2);
    const refused = await next('zhangsan', dealId);
    expect(refused).toEqual({
      ok: false,
      code: 'deal_needs_incomplete',
      details: { id: dealId, questions: '1, 2, 3, 4, 5, 6, 7, 8, 9, 10', method: 'missing', answered: 0, total: 10 },
    });
    expect(refusalText(refused, 'zh-CN')).toContain('需求清单第 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 题未回答（已答 0/10）；未填写调研方式');
    expect(refusalText(refused, 'en')).toContain('needs questions 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 are not answered (0/10 answered); the research method');
  });

  it('stores a partial checklist, merges later answers, and names only what remains', async () => {
    const dealId = await dealAt(2);
    const answers = Object.fromEntries([1, 2, 3, 4, 5, 6, 7].map((n) => [n, `回答${n}`]));
    const first = value(await recordNeeds(f.deps, f.as('zhangsan'), { dealId, answers, method: null }));
    expect(first.needs).toEqual({ answered: 7, total: 10, missing: [8, 9, 10] });

    const second = value(await recordNeeds(f.deps, f.as('zhangsan'), { dealId, answers: { 8: '八', 9: '九', 2: '改过的回答' }, method: 'phone' }));
    expect(second.needs).toEqual({ answered: 9, total: 10, missing: [10] });
    expect(second.deal.needsAnswers.slice(0, 3)).toEqual(['回答1', '改过的回答', '回答3']);

    const refused = await next('zhangsan', dealId);
    expect(refused).toMatchObject({ ok: false, code: 'deal_needs_incomplete', details: { questions: '10', method: 'given' } });
    expect(refusalText(refused, 'zh-CN')).toContain('第 10 题未回答');
    expect(refusalText(refused, 'zh-CN')).not.toContain('调研方式');
    expect(refusalText(refused, 'en')).toContain('needs questions 10 are not answered (9/10 answered)');

    value(await recordNeeds(f.deps, f.as('zhangsan'), { dealId, answers: { 10: '十' }, method: null }));
    const moved = value(await next('zhangsan', dealId));
    expect(moved.deal.stage).toBe(3);
    expect((await dealRow(dealId)).needs_method).toBe('phone');
  });

  it('refuses the method alone as an answer: the gate still needs every question', async () => {
    const other = value(await openDeal(f.deps, f.as('zhaoliu'), { company: ZHAOLIU_CO, amountFen: null }));
    value(await next('zhaoliu', other.deal.id));
    value(await recordNeeds(f.deps, f.as('zhaoliu'), { dealId: other.deal.id, answers: {}, method: 'onsite' }));
    const refused = await next('zhaoliu', other.deal.id);
    expect(refused).toMatchObject({ ok: false, code: 'deal_needs_incomplete', details: { method: 'given', answered: 0 } });
    value(await loseDeal(f.deps, f.as('zhaoliu'), { dealId: other.deal.id, reason: '客户预算取消' }));
  });

  it('no longer accepts needs answers once past needs research', async () => {
    const dealId = await dealAt(3);
    expect(await recordNeeds(f.deps, f.as('zhangsan'), { dealId, answers: { 1: 'x' }, method: null })).toEqual({
      ok: false,
      code: 'deal_needs_locked',
      details: { id: dealId, stage: 3 },
    });
  });

  it('refuses to leave the proposal stage until product mix, pricing and service are all written (PIPE-3)', async () => {
    const dealId = await dealAt(3);
    const none = await next('zhangsan', dealId);
    expect(none).toEqual({ ok: false, code: 'deal_proposal_incomplete', details: { id: dealId, parts: 'products,pricing,service' } });
    expect(refusalText(none, 'zh-CN')).toContain('方案缺少产品组合、价格策略、服务承诺');

    value(await recordProposal(f.deps, f.as('zhangsan'), { dealId, parts: { products: '智能门锁 X1 ×200' } }));
    const partial = await next('zhangsan', dealId);
    expect(partial).toMatchObject({ ok: false, details: { parts: 'pricing,service' } });
    expect(refusalText(partial, 'en')).toContain('the proposal has no pricing strategy, service commitments');
    expect(refusalText(partial, 'zh-CN')).not.toContain('产品组合');

    const done = value(await recordProposal(f.deps, f.as('zhangsan'), { dealId, parts: { pricing: '九折', service: '三年质保' } }));
    expect(done.deal.proposal).toEqual({ products: '智能门锁 X1 ×200', pricing: '九折', service: '三年质保' });
    expect(value(await next('zhangsan', dealId)).deal.stage).toBe(4);
  });

  it('refuses signing without a signed contract, names the one in progress, and wins the deal once it is signed (PIPE-4)', async () => {
    const dealId = await dealAt(4);
    const none = await next('zhangsan', dealId);
    expect(none).toEqual({ ok: false, code: 'deal_contract_unsigned', details: { id: dealId } });
    expect(refusalText(none, 'zh-CN')).toContain('还没有已签署的合同');
    expect(refusalText(none, 'en')).toContain('no signed contract yet');

    const contract = await contractOf(dealId, 'in_review');
    const inReview = await next('zhangsan', dealId);
    expect(inReview).toEqual({ ok: false, code: 'deal_contract_in_progress', details: { id: dealId, contract: contract.id, status: 'in_review' } });
    expect(refusalText(inReview, 'zh-CN')).toContain(`合同 #${contract.id} 当前在法务审核中`);
    expect(refusalText(inReview, 'en')).toContain(`no signed contract yet; contract #${contract.id} is in legal review`);

    await f.database.db.updateTable('contracts').set({ status: 'signed', signed_at: SIGNING }).where('id', '=', contract.id).execute();
    const won = value(await next('zhangsan', dealId));
    expect(won.deal).toMatchObject({ stage: 5, status: 'won' });
    expect((await dealRow(dealId)).closed_at).not.toBeNull();
    expect(await audits('deal.won', dealId)).toBe(1);
  });

  it('refuses any change to a closed deal', async () => {
    const dealId = await dealAt(4);
    await contractOf(dealId, 'signed');
    expect(value(await next('zhangsan', dealId)).deal.status).toBe('won');
    const refused = await next('zhangsan', dealId);
    expect(refused).toEqual({ ok: false, code: 'deal_closed', details: { id: dealId, status: 'won' } });
    expect(refusalText(refused, 'zh-CN')).toContain('已签约成交');
    expect(await loseDeal(f.deps, f.as('zhangsan'), { dealId, reason: 'x' })).toMatchObject({ ok: false, code: 'deal_closed' });
  });

  it('closes a deal as lost from any stage with a reason, audited, and tells the owner when a manager did it', async () => {
    const card = value(await openDeal(f.deps, f.as('zhangsan'), { company: DONGFANG, amountFen: null }));
    expect(await loseDeal(f.deps, f.as('zhangsan'), { dealId: card.deal.id, reason: '  ' })).toEqual({ ok: false, code: 'reason_required', details: {} });
    const lost = value(await loseDeal(f.deps, f.as('lisi'), { dealId: card.deal.id, reason: '选择了竞争对手' }));
    expect(lost.deal).toMatchObject({ status: 'lost', lostReason: '选择了竞争对手', stage: 1 });
    expect(await audits('deal.lost', card.deal.id)).toBe(1);
    const notices = await f.database.db.selectFrom('outbox').select('notice').where('person_id', '=', 'zhangsan').execute();
    expect(notices.map((n) => n.notice)).toContainEqual(expect.objectContaining({ kind: 'deal_changed', dealId: card.deal.id, change: 'lost', by: '李四' }));
    // The company is free for a new deal once the last one is closed.
    value(await openDeal(f.deps, f.as('zhangsan'), { company: DONGFANG, amountFen: 10_000_000 }));
  });

  it('moves a deal one stage when two people press next at once', async () => {
    const deal = { id: await dongfangDeal() };
    // The card's button carries the stage it showed.
    const both = await Promise.all([next('zhangsan', deal.id, 1), next('lisi', deal.id, 1)]);
    expect(both.filter((r) => r.ok)).toHaveLength(1);
    expect(both.find((r) => !r.ok)).toMatchObject({ code: 'deal_stage_moved', details: { stage: 2 } });
    expect((await dealRow(deal.id)).stage).toBe(2);
    expect(await audits('deal.stage', deal.id)).toBe(1);
  });

  it('moves a deal one stage when two typed next commands race and the second meets a gate', async () => {
    // At stage 1 the first `next` is free and the second meets the needs gate.
    const fresh = { id: await dongfangDeal() };
    const both = await Promise.all([next('zhangsan', fresh.id), next('lisi', fresh.id)]);
    expect(both.filter((r) => r.ok)).toHaveLength(1);
    expect(both.find((r) => !r.ok)).toMatchObject({ code: 'deal_needs_incomplete' });
    expect((await dealRow(fresh.id)).stage).toBe(2);
  });

  it("lists a salesperson's own open deals with what each still needs", async () => {
    // 张三's deal of 东方 in needs research; his deal of 华信 and 赵六's of 明远 lost.
    value(await next('zhangsan', await dongfangDeal()));
    value(await loseDeal(f.deps, f.as('zhangsan'), { dealId: await dealAt(1), reason: '客户预算取消' }));
    const zhaoliuDeal = value(await openDeal(f.deps, f.as('zhaoliu'), { company: ZHAOLIU_CO, amountFen: null })).deal.id;
    value(await loseDeal(f.deps, f.as('zhaoliu'), { dealId: zhaoliuDeal, reason: '客户预算取消' }));
    const mine = value(await listDeals(f.deps, f.as('zhangsan')));
    expect(mine.scope).toEqual({ kind: 'mine', personId: 'zhangsan' });
    expect(mine.deals.map((d) => d.deal.companyName)).toEqual([DONGFANG]);
    expect(mine.deals[0]?.gate).toMatchObject({ kind: 'needs', answered: 0, methodMissing: true });
    expect(value(await listDeals(f.deps, f.as('zhaoliu'))).deals).toEqual([]);
  });

  it("lists the region's open deals for a regional manager, all for the department manager, none across regions", async () => {
    await dongfangDeal();
    const zhaoliuDeal = value(await openDeal(f.deps, f.as('zhaoliu'), { company: ZHAOLIU_CO, amountFen: null }));
    const lisi = value(await listDeals(f.deps, f.as('lisi')));
    expect(lisi.scope).toEqual({ kind: 'region', region: '华东' });
    expect(lisi.deals.map((d) => d.deal.companyName).sort()).toEqual([DONGFANG, ZHAOLIU_CO].sort());
    expect(value(await listDeals(f.deps, f.as('wangwu'))).deals).toHaveLength(2);
    expect(value(await listDeals(f.deps, f.as('fengyi'))).deals).toEqual([]);
    expect(zhaoliuDeal.deal.ownerId).toBe('zhaoliu');
  });

  it("lets the client's account manager act on the deal and see it in their list", async () => {
    value(await openDeal(f.deps, f.as('zhaoliu'), { company: ZHAOLIU_CO, amountFen: null }));
    value(await updateClient(f.deps, f.as('lisi'), { company: ZHAOLIU_CO, annualPurchaseFen: null, grade: null, reason: null, accountManagerId: 'sunqi' }));
    const sunqi = value(await listDeals(f.deps, f.as('sunqi')));
    expect(sunqi.deals.map((d) => d.deal.companyName)).toEqual([ZHAOLIU_CO]);
    const moved = value(await next('sunqi', sunqi.deals[0]!.deal.id));
    expect(moved.deal.stage).toBe(2);
    const notices = await f.database.db.selectFrom('outbox').select('notice').where('person_id', '=', 'zhaoliu').execute();
    expect(notices.map((n) => n.notice)).toContainEqual(expect.objectContaining({ kind: 'deal_changed', change: 'stage', stage: 2, by: '孙七' }));
  });
});

describe.each(backends)("what a deal's forms open with (PIPE-2, PIPE-3) on $name", (backend) => {
  let f: BotFixture;
  let dealId = 0;
  beforeAll(async () => {
    f = await botFixture(backend);
    value(await reportLead(f.deps, f.as('zhangsan'), {
      company: HUAXIN, contactName: '王经理', phone: '+8613812345678', email: null, size: '200人', position: '区域龙头', region: null, creditCode: null, source: null,
    }));
    dealId = value(await openDeal(f.deps, f.as('zhangsan'), { company: HUAXIN, amountFen: null })).deal.id;
  });
  afterAll(() => f.close());

  const form = (who: string, part: DealForm, id = dealId) => openDealForm(f.deps, f.as(who), id, part);

  it('fills the needs form with the deal number, the answers written so far and the method', async () => {
    expect(await form('zhangsan', 'needs')).toEqual({ ok: true, value: { deal_id: String(dealId) } });
    value(await advanceDeal(f.deps, f.as('zhangsan'), { dealId, fromStage: null }));
    value(await recordNeeds(f.deps, f.as('zhangsan'), { dealId, answers: { 1: '库存管理混乱', 3: '50万以内' }, method: 'onsite' }));
    expect(await form('zhangsan', 'needs')).toEqual({ ok: true, value: { deal_id: String(dealId), q1: '库存管理混乱', q3: '50万以内', method: 'onsite' } });
  });

  it('refuses the needs form once past needs research, and fills the proposal form with the parts written', async () => {
    const answers = Object.fromEntries([1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((n) => [n, `回答${n}`]));
    value(await recordNeeds(f.deps, f.as('zhangsan'), { dealId, answers, method: null }));
    value(await advanceDeal(f.deps, f.as('zhangsan'), { dealId, fromStage: null }));
    expect(await form('zhangsan', 'needs')).toEqual({ ok: false, code: 'deal_needs_locked', details: { id: dealId, stage: 3 } });
    value(await recordProposal(f.deps, f.as('zhangsan'), { dealId, parts: { pricing: '九折' } }));
    expect(await form('lisi', 'proposal')).toEqual({ ok: true, value: { deal_id: String(dealId), pricing: '九折' } });
  });

  it('refuses anyone who may not act on the deal, a deal that does not exist, and every form of a closed deal', async () => {
    expect(await form('zhaoliu', 'lost')).toEqual({ ok: false, code: 'not_deal_insider', details: { id: dealId, company: HUAXIN, owner: '张三' } });
    expect(await form('zhangsan', 'lost', 999_999)).toEqual({ ok: false, code: 'deal_not_found', details: { id: 999_999 } });
    expect(await form('zhangsan', 'lost')).toEqual({ ok: true, value: { deal_id: String(dealId) } });
    value(await loseDeal(f.deps, f.as('zhangsan'), { dealId, reason: '客户预算取消' }));
    for (const part of ['needs', 'proposal', 'lost'] as const) {
      expect(await form('zhangsan', part)).toEqual({ ok: false, code: 'deal_closed', details: { id: dealId, status: 'lost' } });
    }
  });
});
